#include "CSystemShims.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int postino_malloc_trim(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

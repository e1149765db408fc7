#define _GNU_SOURCE
#include <unistd.h>
#include "CSystemShims.h"

int postino_syncfs(int fd) {
    return syncfs(fd);
}

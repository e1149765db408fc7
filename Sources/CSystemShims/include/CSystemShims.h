#ifndef POSTINO_CSYSTEMSHIMS_H
#define POSTINO_CSYSTEMSHIMS_H

/// syncfs(2) is a GNU extension that Swift's Glibc module does not export.
int postino_syncfs(int fd);

/// Gives freed heap memory back to the system (glibc's malloc_trim(0); 0 elsewhere).
int postino_malloc_trim(void);

#endif

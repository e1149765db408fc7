#ifndef POSTINO_CSYSTEMSHIMS_H
#define POSTINO_CSYSTEMSHIMS_H

/// syncfs(2) is a GNU extension that Swift's Glibc module does not export.
int postino_syncfs(int fd);

#endif

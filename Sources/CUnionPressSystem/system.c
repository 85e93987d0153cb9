// renameat2 and getdents64 need _GNU_SOURCE, which Swift's Glibc module does not define.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <dirent.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include "CUnionPressSystem.h"

int unionpress_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

long unionpress_read_folder(int descriptor, void *buffer, unsigned long length) {
#if defined(__linux__)
    return (long)getdents64(descriptor, buffer, length);
#else
    errno = ENOSYS;
    return -1;
#endif
}

void unionpress_tune_allocator(void) {
#if defined(__GLIBC__)
    // Each thread's heap grows in 64 MiB steps instead of just what it asked for:
    // a build allocates on both cores at once, and every small step took the
    // process-wide memory lock (mprotect), so the threads waited on each other.
    // Only what is touched counts as memory in use.
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

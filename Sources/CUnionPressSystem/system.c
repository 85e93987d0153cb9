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
    // The heap grows by 64 MiB beyond what an allocation needs (threads' heaps
    // start with that much too) instead of by just that: a build allocates on
    // both cores at once, and growing a heap takes the process's memory-map
    // lock, so the threads waited on each other (perf: mprotect, page faults).
    // Only memory that is touched counts as in use.
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

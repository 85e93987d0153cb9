#ifndef UNIONPRESS_CSYSTEM_H
#define UNIONPRESS_CSYSTEM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set where unsupported.
int unionpress_exchange_paths(const char *first, const char *second);

/// Reads a folder's next entries into `buffer` as Linux `linux_dirent64`
/// records (getdents64): the byte count read, 0 at the end, -1 with errno
/// set on failure or where unsupported. Unlike readdir, it needs no
/// allocation per folder.
long unionpress_read_folder(int descriptor, void *buffer, unsigned long length);

/// Tunes the C allocator for a build on several threads (glibc's heap top
/// pad); does nothing with other C libraries. Called once by the command-line tool.
void unionpress_tune_allocator(void);

#endif

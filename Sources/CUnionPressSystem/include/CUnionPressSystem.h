#ifndef UNIONPRESS_CSYSTEM_H
#define UNIONPRESS_CSYSTEM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set where unsupported.
int unionpress_exchange_paths(const char *first, const char *second);

#endif

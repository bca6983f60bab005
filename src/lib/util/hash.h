/* hash.h -- SHA-256 digests (through nettle) as lowercase hex. */
#ifndef CDR_UTIL_HASH_H
#define CDR_UTIL_HASH_H

#include <stddef.h>

#define CDR_SHA256_HEX_LEN 64

void cdr_sha256_hex(char out[CDR_SHA256_HEX_LEN + 1], const void *data, size_t len);

#endif

/* hash.c -- SHA-256 of a byte range as hex, using nettle. Sources are
 * identified by this digest so that adding the same file twice is caught
 * and an edited source file is detected. */
#include <nettle/sha2.h>

#include "util/hash.h"

void cdr_sha256_hex(char out[CDR_SHA256_HEX_LEN + 1], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];
	int i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[CDR_SHA256_HEX_LEN] = '\0';
}

/* digest.h: SHA-256 (and the MD5 and SHA-1 an attachment may state) of buffers and files,
 * as lowercase hexadecimal. */
#ifndef RG_DIGEST_H
#define RG_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#define DIGEST_SHA256_HEX 65 /* 64 digits and the NUL */

struct digest_file {
	char sha256[65], sha1[41], md5[33];
};

/* The SHA-256 of len bytes at buf into hex. */
void digest_sha256_hex(const void *buf, size_t len, char hex[DIGEST_SHA256_HEX]);
/* The three digests of the file at path; false with errno set when it cannot be read. */
bool digest_file(const char *path, struct digest_file *out);

#endif

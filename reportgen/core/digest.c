/* digest.c: hexadecimal digests through nettle. */
#include <errno.h>
#include <stdio.h>

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "digest.h"

static void digest_hex(const unsigned char *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

void digest_sha256_hex(const void *buf, size_t len, char hex[DIGEST_SHA256_HEX])
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, len, buf);
	sha256_digest(&c, sizeof(d), d);
	digest_hex(d, sizeof(d), hex);
}

bool digest_file(const char *path, struct digest_file *out)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	struct sha256_ctx c256;
	struct sha1_ctx c1;
	struct md5_ctx c5;
	sha256_init(&c256);
	sha1_init(&c1);
	md5_init(&c5);
	unsigned char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		sha256_update(&c256, n, buf);
		sha1_update(&c1, n, buf);
		md5_update(&c5, n, buf);
	}
	int e = errno;
	bool ok = !ferror(fp);
	fclose(fp);
	if (!ok) {
		errno = e;
		return false;
	}
	unsigned char d256[SHA256_DIGEST_SIZE], d1[SHA1_DIGEST_SIZE], d5[MD5_DIGEST_SIZE];
	sha256_digest(&c256, sizeof(d256), d256);
	sha1_digest(&c1, sizeof(d1), d1);
	md5_digest(&c5, sizeof(d5), d5);
	digest_hex(d256, sizeof(d256), out->sha256);
	digest_hex(d1, sizeof(d1), out->sha1);
	digest_hex(d5, sizeof(d5), out->md5);
	return true;
}

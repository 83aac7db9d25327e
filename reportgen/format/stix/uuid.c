/* uuid.c: UUIDv5 (RFC 9562) through nettle's SHA-1, for reproducible export ids. */
#include <stdio.h>
#include <string.h>

#include <nettle/sha1.h>

#include "uuid.h"

static int uuid_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses 8-4-4-4-12 text into 16 bytes. */
static bool uuid_parse(const char *s, unsigned char out[16])
{
	size_t k = 0;
	for (size_t i = 0; s[i] != '\0'; i++) {
		if (s[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23))
			continue;
		int hi = uuid_hexval((unsigned char)s[i]);
		int lo = s[i + 1] ? uuid_hexval((unsigned char)s[i + 1]) : -1;
		if (hi < 0 || lo < 0 || k == 16)
			return false;
		out[k++] = (unsigned char)(hi << 4 | lo);
		i++;
	}
	return k == 16;
}

/* The UUIDv5 in namespace nsb of the name "a\nb" (or b alone when a is NULL; the parts are
 * hashed in turn, so that the name is never built), as text. */
static void uuid5_pair(const unsigned char nsb[16], const char *a, const char *b, size_t blen,
                       char out[37])
{
	unsigned char digest[SHA1_DIGEST_SIZE];
	struct sha1_ctx ctx;
	sha1_init(&ctx);
	sha1_update(&ctx, 16, nsb);
	if (a != NULL) {
		sha1_update(&ctx, strlen(a), (const uint8_t *)a);
		sha1_update(&ctx, 1, (const uint8_t *)"\n");
	}
	sha1_update(&ctx, blen, (const uint8_t *)b);
	sha1_digest(&ctx, sizeof(digest), digest);
	digest[6] = (unsigned char)((digest[6] & 0x0f) | 0x50);
	digest[8] = (unsigned char)((digest[8] & 0x3f) | 0x80);
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[digest[i] >> 4];
		out[o++] = hex[digest[i] & 15];
	}
	out[o] = '\0';
}

bool uuid5(const char *ns, const char *name, size_t namelen, char out[37])
{
	unsigned char nsb[16];
	if (!uuid_parse(ns, nsb))
		return false;
	uuid5_pair(nsb, NULL, name, namelen, out);
	return true;
}

void uuid_doc_text(const struct rg_doc *doc, const char *kind, const char *identity, char out[37])
{
	const char *org = doc->report.organization.s ? doc->report.organization.s : "";
	const char *id = doc->report.id.s ? doc->report.id.s : "";
	unsigned char nsb[16];
	char ns[37];
	uuid_parse(UUID_NAMESPACE, nsb);
	uuid5_pair(nsb, org, id, strlen(id), ns);
	uuid_parse(ns, nsb);
	identity = identity ? identity : "";
	uuid5_pair(nsb, kind, identity, strlen(identity), out);
}

const char *uuid_doc(struct rg_arena *a, const struct rg_doc *doc, const char *kind,
                     const char *identity)
{
	char out[37];
	uuid_doc_text(doc, kind, identity, out);
	return rg_arena_strdup(a, out);
}

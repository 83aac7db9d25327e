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

bool uuid5(const char *ns, const char *name, size_t namelen, char out[37])
{
	unsigned char nsb[16], digest[SHA1_DIGEST_SIZE];
	if (!uuid_parse(ns, nsb))
		return false;
	struct sha1_ctx ctx;
	sha1_init(&ctx);
	sha1_update(&ctx, sizeof(nsb), nsb);
	sha1_update(&ctx, namelen, (const uint8_t *)name);
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
	return true;
}

const char *uuid_doc(struct rg_arena *a, const struct rg_doc *doc, const char *kind,
                     const char *identity)
{
	const char *org = doc->report.organization.s ? doc->report.organization.s : "";
	const char *id = doc->report.id.s ? doc->report.id.s : "";
	char *scope = rg_arena_printf(a, "%s\n%s", org, id);
	char ns[37], out[37];
	uuid5(UUID_NAMESPACE, scope, strlen(scope), ns);
	char *name = rg_arena_printf(a, "%s\n%s", kind, identity ? identity : "");
	uuid5(ns, name, strlen(name), out);
	return rg_arena_strdup(a, out);
}

/* stix2_group.c: STIX 2.1 SCOs of an object group (one file, one host) and of an address's AS. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ioc.h"
#include "stix2.h"

/* Hash types of a file in the order STIX 2.1 (section 2.9) prefers one for the id. */
static const enum rg_ioc_type group_hashes[] = {RG_IOC_MD5, RG_IOC_SHA1, RG_IOC_SHA256,
                                                RG_IOC_SHA512, RG_IOC_SSDEEP};
#define GROUP_NHASHES (sizeof(group_hashes) / sizeof(group_hashes[0]))

static const char *group_value(const struct rg_artifact *a)
{
	return a->refanged ? a->refanged : a->value.s;
}

/* A hash as the file SCO holds it: hex in lower case, an ssdeep without its ,"name". */
static const char *group_hash(struct rg_arena *ar, const struct rg_artifact *a)
{
	const char *v = group_value(a);
	if (a->type == RG_IOC_SSDEEP)
		return rg_arena_strndup(ar, v, strcspn(v, ","));
	char *o = rg_arena_strdup(ar, v);
	for (char *p = o; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return o;
}

/* Adds id to the group's SCOs unless listed (the registry's mark: linear in the group). */
static void group_push(struct stix2 *st, struct stix2_group *out, const char *id)
{
	if (!stix2_seen(st, id, out->stamp))
		out->scos[out->nscos++] = id;
}

static void group_file(struct stix2 *st, const struct rg_artifact *const *m, size_t n,
                       enum rg_tlp tlp, struct stix2_group *out)
{
	const char *hash[GROUP_NHASHES] = {NULL}, *name = NULL, *dir = NULL;
	for (size_t k = 0; k < n; k++) {
		for (size_t h = 0; h < GROUP_NHASHES; h++)
			if (m[k]->type == group_hashes[h] && hash[h] == NULL)
				hash[h] = group_hash(st->arena, m[k]);
		const char *d = NULL, *b = NULL;
		if (m[k]->type == RG_IOC_FILEPATH)
			stix2_split_path(st->arena, group_value(m[k]), &d, &b);
		else if (m[k]->type == RG_IOC_FILENAME)
			b = group_value(m[k]);
		if (name == NULL)
			name = b;
		if (dir == NULL)
			dir = d;
	}
	const char *dref = NULL;
	if (dir != NULL) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "path", dir);
		dref = stix2_add(st, stix2_sco_new(st, "directory", c), tlp);
	}
	/* contributing: the preferred hash, the name, the folder (canonical key order) */
	cJSON *c = cJSON_CreateObject(), *all = cJSON_CreateObject();
	for (size_t h = 0; h < GROUP_NHASHES; h++) {
		if (hash[h] == NULL)
			continue;
		const char *key = ioc_type_info(group_hashes[h])->sco_hash;
		if (cJSON_GetObjectItemCaseSensitive(c, "hashes") == NULL)
			cJSON_AddStringToObject(cJSON_AddObjectToObject(c, "hashes"), key, hash[h]);
		cJSON_AddStringToObject(all, key, hash[h]);
	}
	stix2_str(c, "name", name);
	stix2_str(c, "parent_directory_ref", dref);
	if (c->child == NULL) { /* a path that is only a folder */
		cJSON_Delete(c);
		cJSON_Delete(all);
		out->primary = dref;
	} else {
		cJSON *o = stix2_sco_new(st, "file", c);
		if (all->child != NULL)
			cJSON_ReplaceItemInObjectCaseSensitive(o, "hashes", all);
		else
			cJSON_Delete(all);
		out->primary = stix2_add(st, o, tlp);
	}
	if (out->primary != NULL)
		group_push(st, out, out->primary);
	if (dref != NULL)
		group_push(st, out, dref);
	for (size_t k = 0; k < n; k++)
		out->of[k] = out->primary;
}

static void group_host(struct stix2 *st, const struct rg_artifact *const *m, size_t n,
                       enum rg_tlp tlp, struct stix2_group *out)
{
	const char *name = NULL;
	cJSON *addrs = cJSON_CreateArray();
	for (size_t k = 0; k < n; k++) {
		const char *v = group_value(m[k]);
		if (m[k]->type == RG_IOC_IPV4 || m[k]->type == RG_IOC_IPV6) {
			out->of[k] = stix2_sco_for(st, m[k]->type, v, tlp);
			stix2_push_str(addrs, out->of[k]);
		} else if (name == NULL) {
			name = m[k]->idn_ascii ? m[k]->idn_ascii : v;
		}
	}
	const char *host = NULL;
	if (name != NULL) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "value", name);
		cJSON *o = stix2_sco_new(st, "domain-name", c);
		if (addrs->child != NULL)
			cJSON_AddItemToObject(o, "resolves_to_refs", addrs);
		else
			cJSON_Delete(addrs);
		host = stix2_add(st, o, tlp);
		group_push(st, out, host);
	} else {
		cJSON_Delete(addrs);
	}
	for (size_t k = 0; k < n; k++) {
		if (out->of[k] == NULL)
			out->of[k] = host;
		else
			group_push(st, out, out->of[k]);
	}
	out->primary = host != NULL ? host : out->nscos > 0 ? out->scos[0] : NULL;
}

void stix2_group_scos(struct stix2 *st, const struct rg_artifact *const *members, size_t n,
                      enum rg_tlp tlp, size_t stamp, struct stix2_group *out)
{
	memset(out, 0, sizeof(*out));
	out->stamp = stamp;
	out->scos = rg_arena_alloc(st->arena, (n + 2) * sizeof(*out->scos));
	out->of = rg_arena_alloc(st->arena, (n + 1) * sizeof(*out->of));
	memset(out->of, 0, (n + 1) * sizeof(*out->of));
	if (n == 0)
		return;
	if (ioc_type_info(members[0]->type)->object == IOC_OBJECT_FILE)
		group_file(st, members, n, tlp, out);
	else
		group_host(st, members, n, tlp, out);
}

const char *stix2_asn(struct stix2 *st, const struct rg_artifact *a, const char *ip,
                      enum rg_tlp tlp)
{
	const char *s = a->asn.s;
	if (s == NULL || ip == NULL || (a->type != RG_IOC_IPV4 && a->type != RG_IOC_IPV6))
		return NULL;
	if (strncasecmp(s, "AS", 2) == 0)
		s += 2;
	char *end;
	if (!isdigit((unsigned char)*s))
		return NULL;
	unsigned long long n = strtoull(s, &end, 10);
	if (*end != '\0' || n > 4294967295ULL)
		return NULL;
	cJSON *c = cJSON_CreateObject();
	cJSON_AddNumberToObject(c, "number", (double)n);
	const char *as = stix2_add(st, stix2_sco_new(st, "autonomous-system", c), tlp);
	stix2_rel(st, "belongs-to", ip, as, NULL);
	return as;
}

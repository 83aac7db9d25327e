/* validate_objects.c: the optional artifact keys that shape export objects: `object` groups
 * (one file or one host), a registry value (`value_name`, `value_data`) and an address's
 * `asn`. */
#define _GNU_SOURCE /* qsort_r */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ioc.h"
#include "validate.h"

#define VO_PATH 128

/* The file name a file artifact gives: a filename's value, a filepath's last part (NULL
 * when it ends with a separator); NULL for hashes. */
static const char *vo_file_name(const struct rg_artifact *a)
{
	if (a->type == RG_IOC_FILENAME)
		return a->refanged;
	if (a->type != RG_IOC_FILEPATH)
		return NULL;
	const char *base = a->refanged + strlen(a->refanged);
	while (base > a->refanged && base[-1] != '/' && base[-1] != '\\')
		base--;
	return *base != '\0' ? base : NULL;
}

/* The property of its object an artifact gives one value of (two members disagreeing on it
 * describe two things): a hash type, the file name, the path, the host name; NULL for an
 * address (a host has several). */
static const char *vo_property(const struct rg_artifact *a, const char **value)
{
	*value = a->refanged;
	switch (a->type) {
	case RG_IOC_DOMAIN:
	case RG_IOC_HOSTNAME:
		return "host name";
	case RG_IOC_FILEPATH:
		return "path";
	case RG_IOC_FILENAME:
		return NULL; /* compared as the file name, below */
	default:
		return ioc_type_info(a->type)->hash_digits > 0 || a->type == RG_IOC_SSDEEP
		               ? rg_ioc_type_names[a->type]
		               : NULL;
	}
}

static int vo_cmp(const void *x, const void *y, void *ctx)
{
	const struct rg_artifact *arts = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(arts[i].object.s, arts[j].object.s);
	return c != 0 ? c : (i < j ? -1 : i > j);
}

/* Member k of the group starting at `first` (indexes idx) against the members before it:
 * of the group's kind, and no second value of a property that has one. */
static void vo_member(struct val *v, const size_t *idx, size_t first, size_t k)
{
	const struct rg_artifact *arts = v->doc->artifacts, *a = &arts[idx[k]];
	const struct rg_artifact *lead = &arts[idx[first]];
	char path[VO_PATH];
	enum ioc_object kind = ioc_type_info(lead->type)->object;
	if (ioc_type_info(a->type)->object != kind) {
		snprintf(path, sizeof(path), "artifacts[%zu].object", idx[k]);
		val_report(v, a->object.pos, RG_E_VALUE, path,
		           "object %s is a %s (artifacts[%zu], line %d, is its %s); an artifact of "
		           "type %s is not part of a %s: give this artifact another object name",
		           ioc_quote(v->doc->arena, a->object.s), ioc_object_names[kind],
		           idx[first], lead->pos.line, rg_ioc_type_names[lead->type],
		           rg_ioc_type_names[a->type], ioc_object_names[kind]);
		return;
	}
	const char *mine, *theirs, *prop = vo_property(a, &mine);
	const char *name = vo_file_name(a);
	for (size_t j = first; j < k; j++) {
		const struct rg_artifact *b = &arts[idx[j]];
		const char *p2 = vo_property(b, &theirs), *what = NULL, *other = NULL;
		if (prop != NULL && p2 != NULL && strcmp(prop, p2) == 0 &&
		    strcasecmp(mine, theirs) != 0) {
			what = prop;
			other = theirs;
		} else if (name != NULL && vo_file_name(b) != NULL &&
		           strcmp(name, vo_file_name(b)) != 0) {
			what = "file name";
			other = vo_file_name(b);
			mine = name;
		}
		if (what == NULL)
			continue;
		snprintf(path, sizeof(path), "artifacts[%zu].object", idx[k]);
		val_report(v, a->object.pos, RG_E_VALUE, path,
		           "object %s already has the %s %s (artifacts[%zu], line %d), so %s is "
		           "another %s: one %s has one %s; give this artifact another object name",
		           ioc_quote(v->doc->arena, a->object.s), what,
		           ioc_quote(v->doc->arena, other), idx[j], b->pos.line,
		           ioc_quote(v->doc->arena, mine), ioc_object_names[kind],
		           ioc_object_names[kind], what);
		return;
	}
}

/* `object` on a type that belongs to no object is an error; then each group by name. */
static void vo_groups(struct val *v)
{
	struct rg_doc *doc = v->doc;
	char path[VO_PATH];
	size_t n = 0, *idx = rg_xmalloc((doc->nartifacts + 1) * sizeof(*idx));
	for (size_t i = 0; i < doc->nartifacts; i++) {
		const struct rg_artifact *a = &doc->artifacts[i];
		if (a->object.s == NULL || a->refanged == NULL)
			continue;
		if (ioc_type_info(a->type)->object != IOC_OBJECT_NONE) {
			idx[n++] = i;
			continue;
		}
		snprintf(path, sizeof(path), "artifacts[%zu].object", i);
		val_report(v, a->object.pos, RG_E_VALUE, path,
		           "an artifact of type %s is not part of an object: `object` groups the "
		           "hashes, file name and path of one file, or a host name and its "
		           "addresses; remove it",
		           rg_ioc_type_names[a->type]);
	}
	qsort_r(idx, n, sizeof(*idx), vo_cmp, doc->artifacts);
	for (size_t k = 0, first = 0; k < n; k++) {
		if (strcmp(doc->artifacts[idx[k]].object.s, doc->artifacts[idx[first]].object.s) !=
		    0)
			first = k;
		else if (k > first)
			vo_member(v, idx, first, k);
	}
	free(idx);
}

/* value_name, value_data and asn where they apply, asn as an AS number. */
static void vo_keys(struct val *v, size_t i)
{
	struct rg_doc *doc = v->doc;
	const struct rg_artifact *a = &doc->artifacts[i];
	char path[VO_PATH];
	const char *type = rg_ioc_type_names[a->type] ? rg_ioc_type_names[a->type] : "string";
	if (a->type != RG_IOC_REGISTRY) {
		const struct rg_text *t = a->value_name.s ? &a->value_name : &a->value_data;
		if (t->s != NULL) {
			snprintf(path, sizeof(path), "artifacts[%zu].%s", i,
			         t == &a->value_name ? "value_name" : "value_data");
			val_report(v, t->pos, RG_E_VALUE, path,
			           "only a registry artifact has a registry value; this one is of "
			           "type %s",
			           type);
		}
	} else if (a->value_data.s != NULL && a->value_name.s == NULL) {
		snprintf(path, sizeof(path), "artifacts[%zu].value_data", i);
		val_report(v, a->value_data.pos, RG_E_MISSING_KEY, path,
		           "value_data needs the name of its value; add \"value_name: <name>\"");
	}
	if (a->asn.s == NULL)
		return;
	snprintf(path, sizeof(path), "artifacts[%zu].asn", i);
	if (a->type != RG_IOC_IPV4 && a->type != RG_IOC_IPV6) {
		val_report(v, a->asn.pos, RG_E_VALUE, path,
		           "only an ipv4 or ipv6 artifact belongs to an autonomous system; this "
		           "one is "
		           "of type %s",
		           type);
		return;
	}
	const char *s = a->asn.s;
	bool digits = *s != '\0' && strspn(s, "0123456789") == strlen(s);
	const char *as = digits ? rg_arena_printf(doc->arena, "AS%s", s) : s;
	if (ioc_check(doc->arena, RG_IOC_ASN, as, NULL, NULL) != NULL)
		val_report(v, a->asn.pos, RG_E_VALUE, path,
		           "expected an AS number like AS13335 or 13335; got %s",
		           ioc_quote(doc->arena, s));
}

void val_objects(struct val *v)
{
	for (size_t i = 0; i < v->doc->nartifacts; i++)
		vo_keys(v, i);
	vo_groups(v);
}

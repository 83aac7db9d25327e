/* stix2_obs.c: STIX 2.1 observations, indicators and emails of one incident. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "ioc.h"
#include "ioc_addr.h"
#include "stix2.h"
#include "uuid.h"

/* The latest date an artifact carries (its last_seen, else first_seen), or NULL. */
static const struct rg_time *obs_latest(const struct rg_artifact *a)
{
	if (a->last_seen.prec > RG_TIME_UNKNOWN)
		return &a->last_seen;
	return a->first_seen.prec > RG_TIME_UNKNOWN ? &a->first_seen : NULL;
}

/* `indicates` from indicator ind to the attack-pattern of each technique written. */
static void obs_indicates(struct stix2 *st, const char *ind, const struct rg_texts *techniques)
{
	for (size_t k = 0; k < techniques->n; k++) {
		const struct rg_technique *t = techlink_find(st->techlinks, techniques->v[k].s);
		if (t != NULL)
			stix2_rel(st, "indicates", ind, st->tech_of[t - st->doc->mitre], NULL);
	}
}

/* An observed-data over `scos` from `first` (the nearest evidence, else the bundle's stamp) to
 * `last` (never before first); modified from
 * `dated` (export.h). A benign observation is labelled "benign" before its tags. */
static const char *obs_observed(struct stix2 *st, const char *identity, const char *const *scos,
                                size_t n, const char *first, const char *last, bool benign,
                                const struct rg_texts *tags, const struct rg_time *dated,
                                enum rg_tlp tlp)
{
	if (n == 0)
		return NULL;
	if (first == NULL)
		first = st->stamp;
	/* Same fixed-width UTC form: string order is time order. */
	if (last == NULL || strcmp(last, first) < 0)
		last = first;
	cJSON *o = stix2_sdo_new(st, "observed-data", identity);
	stix2_modified(st, o, dated);
	cJSON_AddStringToObject(o, "first_observed", first);
	cJSON_AddStringToObject(o, "last_observed", last);
	cJSON_AddNumberToObject(o, "number_observed", 1);
	cJSON *refs = cJSON_AddArrayToObject(o, "object_refs");
	for (size_t i = 0; i < n; i++)
		stix2_push_str(refs, scos[i]);
	if (tags != NULL)
		stix2_texts(o, "labels", tags);
	if (benign) {
		cJSON *labels = cJSON_GetObjectItemCaseSensitive(o, "labels");
		if (labels == NULL)
			labels = cJSON_AddArrayToObject(o, "labels");
		cJSON_InsertItemInArray(labels, 0, cJSON_CreateString("benign"));
	}
	return stix2_add(st, o, tlp);
}

/* The fields every indicator has: types and confidence from the disposition (export.h), the
 * pattern, and valid_from: the nearest evidence (export_first_seen), else the bundle's stamp. */
static void obs_indicator_fields(struct stix2 *st, cJSON *o, enum rg_disposition disp,
                                 const char *pattern, const struct rg_time *first)
{
	stix2_push_str(cJSON_AddArrayToObject(o, "indicator_types"),
	               disp == RG_DISP_MALICIOUS ? "malicious-activity" : "anomalous-activity");
	cJSON_AddStringToObject(o, "pattern", pattern);
	cJSON_AddStringToObject(o, "pattern_type", "stix");
	cJSON_AddStringToObject(o, "pattern_version", "2.1");
	const char *from = stix2_ts(st, first);
	cJSON_AddStringToObject(o, "valid_from", from ? from : st->stamp);
	enum export_confidence c = export_confidence(disp);
	if (c != EXPORT_CONF_NONE)
		cJSON_AddNumberToObject(o, "confidence", export_confidence_values[c]);
}

static const char *obs_indicator(struct stix2 *st, const struct rg_artifact *a, const char *value,
                                 const char *pattern, const char *identity, enum rg_tlp tlp)
{
	cJSON *o = stix2_sdo_new(st, "indicator", identity);
	stix2_modified(st, o, obs_latest(a));
	const char *disp = a->disposition == RG_DISP_MALICIOUS ? "Malicious" : "Suspicious";
	const char *shown = a->idn_ascii && strcmp(a->idn_ascii, value) != 0
	                            ? rg_arena_printf(st->arena, "%s (%s)", value, a->idn_ascii)
	                            : value;
	cJSON_AddStringToObject(
	        o, "name",
	        rg_arena_printf(st->arena, "%s %s %s", disp, rg_ioc_type_names[a->type], shown));
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, stix2_plain(st, a->comment.s), false);
	stix2_cat(&t, stix2_plain(st, a->intel.s), false);
	stix2_str(o, "description", t.s);
	obs_indicator_fields(st, o, a->disposition, pattern, export_first_seen(st->seen, a, NULL));
	stix2_texts(o, "labels", &a->tags);
	return stix2_add(st, o, tlp);
}

/* True for an id STIX accepts as a "cve" external reference: CVE-YYYY-NNNN with a
 * sequence number of four digits, or more digits without a leading zero. */
static bool obs_is_cve_id(const char *s)
{
	size_t n;
	if (strncmp(s, "CVE-", 4) != 0 || strspn(s + 4, "0123456789") != 4 || s[8] != '-')
		return false;
	n = strspn(s + 9, "0123456789");
	return s[9 + n] == '\0' && (n == 4 || (n > 4 && s[9] != '0'));
}

static const char *obs_vulnerability(struct stix2 *st, const struct rg_artifact *a,
                                     const char *value, enum rg_tlp tlp)
{
	char *cve = rg_arena_strdup(st->arena, value);
	for (char *p = cve; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	cJSON *o = stix2_sdo_new(st, "vulnerability", cve);
	cJSON_AddStringToObject(o, "name", cve);
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, stix2_plain(st, a->comment.s), false);
	stix2_cat(&t, stix2_plain(st, a->intel.s), false);
	stix2_str(o, "description", t.s);
	if (obs_is_cve_id(cve)) {
		cJSON *ref = cJSON_CreateObject();
		cJSON_AddStringToObject(ref, "source_name", "cve");
		cJSON_AddStringToObject(ref, "external_id", cve);
		cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "external_references"), ref);
	}
	stix2_texts(o, "labels", &a->tags);
	const char *id = stix2_add(st, o, tlp);
	stix2_rel(st, "related-to", st->incident, id,
	          rg_disposition_names[a->disposition ? a->disposition : RG_DISP_UNKNOWN]);
	return id;
}

/* An artifact STIX 2.1 has no observable for (user agent, URI path, bare port, free
 * string): an indicator alone when it is one and has a pattern, else a note on the
 * incident, so that no custom object is needed. */
static void obs_without_sco(struct stix2 *st, const struct rg_artifact *a, const char *value,
                            const char *pattern, const char *key, enum rg_tlp tlp)
{
	if (export_is_indicator(a) && pattern != NULL) {
		const char *ind = obs_indicator(st, a, value, pattern, key, tlp);
		obs_indicates(st, ind, &a->techniques);
		stix2_rel(st, "related-to", st->incident, ind, NULL);
		return;
	}
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_kv(&t, "Disposition",
	         rg_disposition_names[a->disposition ? a->disposition : RG_DISP_UNKNOWN]);
	stix2_cat(&t, stix2_plain(st, a->comment.s), false);
	stix2_cat(&t, stix2_plain(st, a->intel.s), false);
	const char *refs[] = {st->incident, NULL};
	stix2_note(st, key, rg_arena_printf(st->arena, "%s %s", rg_ioc_type_names[a->type], value),
	           t.s, refs, tlp);
}

/* Exports one artifact; returns the id of the object carrying its value, or NULL. */
static const char *obs_artifact(struct stix2 *st, const struct rg_artifact *a)
{
	const char *value = a->refanged ? a->refanged : a->value.s;
	enum rg_tlp tlp = export_artifact_tlp(st->doc, a);
	if (value == NULL || a->type <= RG_IOC_NONE || a->type >= RG_IOC__MAX)
		return NULL;
	if (a->type == RG_IOC_CVE)
		return obs_vulnerability(st, a, value, tlp);
	struct stix2_art art;
	stix2_artifact_scos(st, a, tlp, &art);
	const char *as = stix2_asn(st, a, art.primary, tlp);
	if (as != NULL && art.nscos < sizeof(art.scos) / sizeof(art.scos[0]))
		art.scos[art.nscos++] = as;
	const char *key = rg_arena_printf(st->arena, "%s\n%s", rg_ioc_type_names[a->type], value);
	if (art.primary == NULL) {
		obs_without_sco(st, a, value, art.pattern, key, tlp);
		return NULL;
	}
	const char *obs = obs_observed(
	        st, key, art.scos, art.nscos, stix2_ts(st, export_first_seen(st->seen, a, NULL)),
	        stix2_ts(st, &a->last_seen), a->disposition == RG_DISP_BENIGN, &a->tags,
	        obs_latest(a), tlp);
	if (export_is_indicator(a) && art.pattern != NULL) {
		const char *ind = obs_indicator(st, a, value, art.pattern, key, tlp);
		stix2_rel(st, "based-on", ind, obs, NULL);
		obs_indicates(st, ind, &a->techniques);
		stix2_rel(st, "related-to", st->incident, ind, NULL);
	} else {
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_cat(&t, stix2_plain(st, a->comment.s), false);
		stix2_cat(&t, stix2_plain(st, a->intel.s), false);
		const char *refs[] = {obs, NULL};
		stix2_note(st, key,
		           rg_arena_printf(st->arena, "%s %s", rg_ioc_type_names[a->type], value),
		           t.s, refs, tlp);
		stix2_rel(st, "related-to", st->incident, obs, NULL);
	}
	return art.primary;
}

/* The labels of an object group's observed-data: every member's tags, each once (a
 * bounded number compared, so a huge group stays linear). */
static struct rg_texts obs_group_tags(struct stix2 *st, const struct rg_artifact *const *m,
                                      size_t n)
{
	size_t total = 0;
	for (size_t k = 0; k < n; k++)
		total += m[k]->tags.n;
	struct rg_texts t = {rg_arena_alloc(st->arena, (total + 1) * sizeof(*t.v)), 0, {0, 0}};
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < m[k]->tags.n; j++) {
			bool again = false;
			for (size_t i = 0; i < t.n && i < 64 && !again; i++)
				again = strcmp(t.v[i].s, m[k]->tags.v[j].s) == 0;
			if (!again)
				t.v[t.n++] = m[k]->tags.v[j];
		}
	return t;
}

/* One object group (export_groups): its SCOs and one observed-data over them; each member
 * keeps its indicator (its own pattern, disposition, comment, techniques and marking),
 * based-on that observed-data, or a note on it. prim[i] of every member: the SCO carrying
 * its value. */
static void obs_group(struct stix2 *st, const struct rg_artifact *const *m, const size_t *idx,
                      size_t n, const char **prim)
{
	enum rg_tlp tlp = RG_TLP_NONE;
	const char *first = NULL, *last = NULL;
	const struct rg_time *dated = NULL;
	bool benign = true;
	for (size_t k = 0; k < n; k++) {
		tlp = export_stricter(tlp, export_artifact_tlp(st->doc, m[k]));
		const char *f = stix2_ts(st, &m[k]->first_seen),
		           *l = stix2_ts(st, &m[k]->last_seen);
		if (f != NULL && (first == NULL || strcmp(f, first) < 0))
			first = f;
		if (l != NULL && (last == NULL || strcmp(l, last) > 0))
			last = l;
		const struct rg_time *t = obs_latest(m[k]);
		if (t != NULL && (dated == NULL || t->utc > dated->utc))
			dated = t;
		benign = benign && m[k]->disposition == RG_DISP_BENIGN;
	}
	struct stix2_group g;
	stix2_group_scos(st, m, n, tlp, (size_t)-1 - idx[0], &g);
	const char **scos = rg_arena_alloc(st->arena, (g.nscos + n + 1) * sizeof(*scos));
	memcpy(scos, g.scos, g.nscos * sizeof(*scos));
	size_t nscos = g.nscos;
	for (size_t k = 0; k < n; k++) {
		const char *as = stix2_asn(st, m[k], g.of[k], tlp);
		if (as != NULL && !stix2_seen(st, as, g.stamp))
			scos[nscos++] = as;
	}
	struct rg_texts tags = obs_group_tags(st, m, n);
	const char *gkey = rg_arena_printf(st->arena, "object\n%s", m[0]->object.s);
	const char *obs =
	        obs_observed(st, gkey, scos, nscos, first, last, benign, &tags, dated, tlp);
	bool observation = false;
	for (size_t k = 0; k < n; k++) {
		const struct rg_artifact *a = m[k];
		const char *value = a->refanged ? a->refanged : a->value.s;
		const char *key =
		        rg_arena_printf(st->arena, "%s\n%s", rg_ioc_type_names[a->type], value);
		enum rg_tlp own = export_artifact_tlp(st->doc, a);
		const char *pattern = stix2_artifact_pattern(st, a);
		prim[idx[k]] = g.of[k];
		if (export_is_indicator(a) && pattern != NULL && obs != NULL) {
			const char *ind = obs_indicator(st, a, value, pattern, key, own);
			stix2_rel(st, "based-on", ind, obs, NULL);
			obs_indicates(st, ind, &a->techniques);
			stix2_rel(st, "related-to", st->incident, ind, NULL);
			continue;
		}
		observation = true;
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_cat(&t, stix2_plain(st, a->comment.s), false);
		stix2_cat(&t, stix2_plain(st, a->intel.s), false);
		const char *refs[] = {obs, NULL};
		if (obs != NULL)
			stix2_note(st, key,
			           rg_arena_printf(st->arena, "%s %s", rg_ioc_type_names[a->type],
			                           value),
			           t.s, refs, own);
	}
	if (observation && obs != NULL)
		stix2_rel(st, "related-to", st->incident, obs, NULL);
}

static bool obs_is_host(enum rg_ioc_type t)
{
	return t == RG_IOC_DOMAIN || t == RG_IOC_HOSTNAME;
}

static bool obs_is_ip(enum rg_ioc_type t)
{
	return t == RG_IOC_IPV4 || t == RG_IOC_IPV6;
}

/* The relationship type STIX 2.1 defines between the two objects for `relation`, else
 * related-to (the incident format's verb then goes into the description). */
static const char *obs_rel_type(const struct rg_artifact *from, const struct rg_artifact *to,
                                const char *relation)
{
	if (relation != NULL && strcmp(relation, "resolves-to") == 0) {
		if (obs_is_host(from->type) && (obs_is_ip(to->type) || obs_is_host(to->type)))
			return "resolves-to";
		if (obs_is_ip(from->type) && to->type == RG_IOC_MAC)
			return "resolves-to";
	}
	return "related-to";
}

static void obs_related(struct stix2 *st, const char *const *prim)
{
	const struct rg_doc *d = st->doc;
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		for (size_t k = 0; prim[i] != NULL && k < a->nrelated; k++) {
			const struct rg_related *r = &a->related[k];
			if (r->ref == NULL || r->ref < d->artifacts ||
			    r->ref >= d->artifacts + d->nartifacts)
				continue;
			const char *to = prim[r->ref - d->artifacts];
			const char *type = obs_rel_type(a, r->ref, r->relation.s);
			const char *desc = strcmp(type, "related-to") == 0 ? r->relation.s : NULL;
			if (to != NULL && strcmp(prim[i], to) != 0)
				stix2_rel(st, type, prim[i], to, desc);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Emails                                                              */
/* ------------------------------------------------------------------ */

/* The ids one email refers to; stamp tells this list apart in the registry's marks. */
struct obs_refs {
	const char **v;
	size_t n, cap;
	size_t stamp;
};

/* Adds id unless NULL or already listed; the array doubles in the arena as it grows, and the
 * duplicate check is the registry's mark, so that an email with many addresses stays linear. */
static void obs_refs_add(struct stix2 *st, struct obs_refs *r, const char *id)
{
	if (id == NULL || stix2_seen(st, id, r->stamp))
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		const char **v = rg_arena_alloc(st->arena, r->cap * sizeof(*v));
		if (r->n > 0)
			memcpy(v, r->v, r->n * sizeof(*v));
		r->v = v;
	}
	r->v[r->n++] = id;
}

/* The email-addr SCO of one parsed address (with its display name) unless --max-tlp
 * withholds it; NULL for a bare name, which no email-addr may carry. */
static const char *obs_addr_entry(struct stix2 *st, const struct ioc_addr *e)
{
	if (e->addr == NULL || export_is_withheld(&st->withheld, e->addr))
		return NULL;
	if (e->name == NULL)
		return stix2_sco_for(st, RG_IOC_EMAIL, e->addr, st->email_tlp);
	const char *ascii = NULL, *v = e->addr;
	ioc_check(st->arena, RG_IOC_EMAIL, v, &ascii, NULL);
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "value", ascii != NULL ? ascii : v);
	cJSON *o = stix2_sco_new(st, "email-addr", c);
	cJSON_AddStringToObject(o, "display_name", e->name);
	return stix2_add(st, o, st->email_tlp); /* a registered one (no name) is kept */
}

/* The first address of a header written as an address list (From), or NULL. */
static const char *obs_addr(struct stix2 *st, const char *written)
{
	struct ioc_addr *v;
	size_t n = ioc_addr_list(st->arena, written, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].addr != NULL)
			return obs_addr_entry(st, &v[i]);
	return NULL;
}

/* The names written without an address, joined by ", " (NULL when none). */
static const char *obs_bare_names(struct stix2 *st, const struct ioc_addr *v, size_t n)
{
	const char *out = NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].addr == NULL && v[i].name != NULL)
			out = out ? rg_arena_printf(st->arena, "%s, %s", out, v[i].name)
			          : v[i].name;
	return out;
}

static cJSON *obs_addr_list(struct stix2 *st, const struct rg_texts *t, struct obs_refs *all)
{
	cJSON *arr = NULL;
	struct ioc_addr *v;
	size_t n = ioc_addr_texts(st->arena, t, &v);
	for (size_t i = 0; i < n; i++) {
		const char *id = obs_addr_entry(st, &v[i]);
		if (id == NULL)
			continue;
		if (arr == NULL)
			arr = cJSON_CreateArray();
		stix2_push_str(arr, id);
		obs_refs_add(st, all, id);
	}
	return arr;
}

static const char *obs_lower(struct stix2 *st, const char *s)
{
	if (s == NULL)
		return NULL;
	char *o = rg_arena_strdup(st->arena, s);
	for (char *p = o; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return o;
}

/* A file SCO for an attachment: id from name and the preferred hash (MD5, SHA-1, SHA-256,
 * as STIX's deterministic ids choose), every hash in the object. */
static const char *obs_attachment(struct stix2 *st, const struct rg_attachment *at)
{
	const char *keys[] = {"MD5", "SHA-1", "SHA-256"};
	const char *vals[] = {obs_lower(st, at->md5.s), obs_lower(st, at->sha1.s),
	                      obs_lower(st, at->sha256.s ? at->sha256.s : at->digest)};
	cJSON *contrib = cJSON_CreateObject(), *hashes = NULL, *all = cJSON_CreateObject();
	for (size_t i = 0; i < 3; i++) {
		if (vals[i] == NULL || *vals[i] == '\0')
			continue;
		if (hashes == NULL)
			hashes = cJSON_AddObjectToObject(contrib, "hashes");
		if (hashes->child == NULL)
			cJSON_AddStringToObject(hashes, keys[i], vals[i]);
		cJSON_AddStringToObject(all, keys[i], vals[i]);
	}
	stix2_str(contrib, "name", at->name.s);
	if (contrib->child == NULL) {
		cJSON_Delete(contrib);
		cJSON_Delete(all);
		return NULL;
	}
	cJSON *o = stix2_sco_new(st, "file", contrib);
	if (all->child != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(o, "hashes", all);
	else
		cJSON_Delete(all);
	char *end;
	long long size = at->size.s ? strtoll(at->size.s, &end, 10) : -1;
	if (at->size.s && *end == '\0' && size >= 0)
		cJSON_AddNumberToObject(o, "size", (double)size);
	return stix2_add(st, o, st->email_tlp);
}

/* body (single part) or body_multipart (text part, then one part per attachment). */
static void obs_email_body(struct stix2 *st, cJSON *o, const char *body, const char *const *files,
                           const struct rg_email *e)
{
	bool multi = files[0] != NULL;
	cJSON_AddBoolToObject(o, "is_multipart", multi);
	if (!multi)
		return; /* a single part's body is an ID contributing property, already there */
	cJSON *parts = cJSON_AddArrayToObject(o, "body_multipart");
	if (body != NULL) {
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "content_type", "text/plain; charset=utf-8");
		cJSON_AddStringToObject(p, "body", body);
		cJSON_AddItemToArray(parts, p);
	}
	for (size_t i = 0, k = 0; i < e->nattachments; i++) {
		const struct rg_attachment *at = &e->attachments[i];
		if (files[k] == NULL)
			break;
		cJSON *p = cJSON_CreateObject();
		const char *name = at->name.s;
		cJSON_AddStringToObject(p, "body_raw_ref", files[k++]);
		if (name != NULL && *name != '\0' && strchr(name, '"') == NULL)
			cJSON_AddStringToObject(
			        p, "content_disposition",
			        rg_arena_printf(st->arena, "attachment; filename=\"%s\"", name));
		else
			cJSON_AddStringToObject(p, "content_disposition", "attachment");
		cJSON_AddItemToArray(parts, p);
	}
}

/* The email-message SCO; its id follows STIX's contributing properties (body, from_ref,
 * subject) when one is present, else the document's name space. */
static const char *obs_message(struct stix2 *st, size_t index, const struct rg_email *e,
                               const char *from, struct obs_refs *all, const char *const *files)
{
	const char *body = stix2_plain(st, e->body.s);
	cJSON *contrib = cJSON_CreateObject();
	if (files[0] == NULL)
		stix2_str(contrib, "body", body);
	stix2_str(contrib, "from_ref", from);
	stix2_str(contrib, "subject", e->subject.s);
	cJSON *o;
	if (contrib->child != NULL) {
		o = stix2_sco_new(st, "email-message", contrib);
	} else {
		cJSON_Delete(contrib);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "type", "email-message");
		cJSON_AddStringToObject(o, "spec_version", "2.1");
		const char *u = uuid_doc(st->arena, st->doc, "email-message",
		                         rg_arena_printf(st->arena, "%zu", index));
		cJSON_AddStringToObject(o, "id",
		                        rg_arena_printf(st->arena, "email-message--%s", u));
	}
	stix2_str(o, "date", stix2_ts(st, &e->date));
	cJSON *to = obs_addr_list(st, &e->to, all), *cc = obs_addr_list(st, &e->cc, all);
	if (to)
		cJSON_AddItemToObject(o, "to_refs", to);
	if (cc)
		cJSON_AddItemToObject(o, "cc_refs", cc);
	stix2_str(o, "message_id", e->message_id.s);
	/* Reply-To as written when it names someone without an address: header text, never an
	 * email-addr (which holds nothing but an address) */
	struct ioc_addr *rv;
	size_t rn = ioc_addr_list(st->arena, e->reply_to.s, &rv);
	const char *reply = NULL;
	for (size_t i = 0; i < rn; i++) {
		const char *one = rv[i].addr;
		if (one != NULL && export_is_withheld(&st->withheld, one))
			continue;
		if (one == NULL)
			one = rv[i].name;
		else if (rv[i].name != NULL)
			one = rg_arena_printf(st->arena, "%s <%s>", rv[i].name, rv[i].addr);
		reply = reply ? rg_arena_printf(st->arena, "%s, %s", reply, one) : one;
	}
	if (reply != NULL)
		stix2_str(cJSON_AddObjectToObject(o, "additional_header_fields"), "Reply-To",
		          reply);
	obs_email_body(st, o, body, files, e);
	return stix2_add(st, o, st->email_tlp);
}

static void obs_email_indicator(struct stix2 *st, size_t index, const struct rg_email *e,
                                const char *from, const char *obs)
{
	if (e->verdict != RG_DISP_MALICIOUS && e->verdict != RG_DISP_SUSPICIOUS)
		return;
	struct rg_arena *ar = st->arena;
	/* the sender as its SCO holds it (refanged, IDN in A-label form) */
	const char *addr = stix2_string(st, from, "value");
	const char *pf = addr ? rg_arena_printf(ar, "email-message:from_ref.value = %s",
	                                        stix2_pattern_quote(ar, addr))
	                      : NULL;
	const char *ps = e->subject.s ? rg_arena_printf(ar, "email-message:subject = %s",
	                                                stix2_pattern_quote(ar, e->subject.s))
	                              : NULL;
	if (pf == NULL && ps == NULL)
		return;
	cJSON *o = stix2_sdo_new(st, "indicator", rg_arena_printf(ar, "email\n%zu", index));
	bool mal = e->verdict == RG_DISP_MALICIOUS;
	cJSON_AddStringToObject(o, "name",
	                        rg_arena_printf(ar, "%s email%s%s",
	                                        mal ? "Malicious" : "Suspicious",
	                                        pf ? " from " : "", pf ? addr : ""));
	stix2_str(o, "description", stix2_plain(st, e->comment.s));
	obs_indicator_fields(st, o, e->verdict,
	                     rg_arena_printf(ar, "[%s%s%s]", pf ? pf : "", pf && ps ? " AND " : "",
	                                     ps ? ps : ""),
	                     export_first_seen(st->seen, NULL, e));
	const char *ind = stix2_add(st, o, st->email_tlp);
	stix2_rel(st, "based-on", ind, obs, NULL);
	obs_indicates(st, ind, &e->techniques);
	stix2_rel(st, "related-to", st->incident, ind, NULL);
}

static void obs_email(struct stix2 *st, size_t index, const struct rg_email *e)
{
	enum rg_tlp tlp = st->email_tlp = export_mark(st->doc, &e->mark);
	struct obs_refs all = {NULL, 0, 0, index + 1};
	const char *from = obs_addr(st, e->from.s);
	obs_refs_add(st, &all, from);
	const char **files = rg_arena_alloc(st->arena, (e->nattachments + 1) * sizeof(*files));
	for (size_t i = 0, k = 0; i < e->nattachments; i++)
		if ((files[k] = obs_attachment(st, &e->attachments[i])) != NULL)
			obs_refs_add(st, &all, files[k++]);
	const char *msg = obs_message(st, index, e, from, &all, files);
	for (size_t i = 0; i < e->urls.n; i++) {
		const char *u = e->urls.v[i].s ? ioc_refang(st->arena, e->urls.v[i].s) : NULL;
		if (u == NULL || *u == '\0' || export_is_withheld(&st->withheld, u))
			continue;
		const char *id = stix2_sco_for(st, RG_IOC_URL, u, tlp);
		obs_refs_add(st, &all, id);
		stix2_rel(st, "related-to", msg, id, "link in the message");
	}
	const char *smtp = e->smtp_ip.s ? ioc_refang(st->arena, e->smtp_ip.s) : NULL;
	if (smtp && *smtp && !export_is_withheld(&st->withheld, smtp)) {
		const char *id = stix2_sco_for(st, RG_IOC_IPV4, smtp, tlp);
		obs_refs_add(st, &all, id);
		stix2_rel(st, "related-to", msg, id, "SMTP relay address");
	}
	const char **scos = rg_arena_alloc(st->arena, (all.n + 1) * sizeof(*scos));
	scos[0] = msg;
	if (all.n > 0)
		memcpy(scos + 1, all.v, all.n * sizeof(*scos));
	const char *key = rg_arena_printf(st->arena, "email\n%zu", index);
	const char *obs = obs_observed(st, key, scos, all.n + 1,
	                               stix2_ts(st, export_first_seen(st->seen, NULL, e)), NULL,
	                               e->verdict == RG_DISP_BENIGN, NULL, &e->date, tlp);
	obs_email_indicator(st, index, e, from, obs);
	if (!export_is_indicator(&(struct rg_artifact){.disposition = e->verdict}))
		stix2_rel(st, "related-to", st->incident, obs, NULL);
	const char *refs[] = {msg, NULL};
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, stix2_plain(st, e->comment.s), false);
	/* recipients named without an address are kept as names only, here */
	const struct rg_texts *lists[] = {&e->to, &e->cc};
	const char *heads[] = {"To (name only)", "Cc (name only)"};
	for (size_t k = 0; k < 2; k++) {
		struct ioc_addr *v;
		size_t n = ioc_addr_texts(st->arena, lists[k], &v);
		stix2_kv(&t, heads[k], obs_bare_names(st, v, n));
	}
	stix2_note(st, key, e->subject.s, t.s, refs, tlp);
}

void stix2_observables(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	const char **prim = rg_arena_alloc(st->arena, (d->nartifacts + 1) * sizeof(*prim));
	/* --max-tlp drops an artifact, and every duplicate of its value with it */
	const bool *dropped = export_dropped(st->arena, d, st->opts);
	const size_t *lead = export_groups(st->arena, d, dropped);
	/* each group's members in file order: next[i] is the member after i, from its lead */
	size_t *next = rg_arena_alloc(st->arena, (d->nartifacts + 1) * sizeof(*next));
	size_t *tail = rg_arena_alloc(st->arena, (d->nartifacts + 1) * sizeof(*tail));
	for (size_t i = 0; i < d->nartifacts; i++) {
		next[i] = SIZE_MAX;
		if (lead[i] == i)
			tail[i] = i;
		else if (lead[i] != SIZE_MAX)
			tail[lead[i]] = next[tail[lead[i]]] = i;
	}
	for (size_t i = 0; i < d->nartifacts; i++) {
		if (dropped[i] || (lead[i] != SIZE_MAX && lead[i] != i))
			continue;
		struct rg_arena *kept = stix2_scratch(st);
		if (lead[i] == SIZE_MAX) {
			prim[i] = obs_artifact(st, &d->artifacts[i]);
		} else {
			size_t n = 0;
			for (size_t j = i; j != SIZE_MAX; j = next[j])
				n++;
			const struct rg_artifact **m = rg_arena_alloc(st->arena, n * sizeof(*m));
			size_t *idx = rg_arena_alloc(st->arena, n * sizeof(*idx));
			n = 0;
			for (size_t j = i; j != SIZE_MAX; j = next[j], n++) {
				m[n] = &d->artifacts[j];
				idx[n] = j;
			}
			obs_group(st, m, idx, n, prim);
		}
		stix2_unscratch(st, kept);
	}
	obs_related(st, prim);
	for (size_t i = 0; i < d->nemails; i++) {
		struct rg_arena *kept = stix2_scratch(st);
		obs_email(st, i, &d->emails[i]);
		stix2_unscratch(st, kept);
	}
}

/* attack_import.c: reads MITRE's Enterprise ATT&CK release file (a STIX 2.0 or 2.1 bundle:
 * x-mitre-collection, x-mitre-matrix, x-mitre-tactic, attack-pattern, revoked-by and
 * subtechnique-of relationships, marking-definition) into an ATT&CK version's tables. The
 * one place that reads MITRE's data: the bundled tables are made from its output too. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "attack_import.h"

#define IMP_DOMAIN "enterprise-attack"

struct imp {
	struct rg_arena *a;
	cJSON *root;
	cJSON **byid; /* objects sorted by STIX id */
	size_t n;
	char *err;
};

static bool imp_fail(struct imp *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool imp_fail(struct imp *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->err, ATTACK_ERR, fmt, ap);
	va_end(ap);
	return false;
}

static const char *imp_str(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static bool imp_true(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static bool imp_type(const cJSON *o, const char *type)
{
	const char *t = imp_str(o, "type");
	return t != NULL && strcmp(t, type) == 0;
}

static int imp_id_cmp(const void *x, const void *y)
{
	const char *a = imp_str(*(cJSON *const *)x, "id"), *b = imp_str(*(cJSON *const *)y, "id");
	return strcmp(a ? a : "", b ? b : "");
}

static cJSON *imp_get(const struct imp *m, const char *id)
{
	if (id == NULL)
		return NULL;
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = imp_str(m->byid[mid], "id");
		int c = strcmp(id, k ? k : "");
		if (c == 0)
			return m->byid[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The mitre-attack external reference of an object: its ATT&CK id and url. */
static const cJSON *imp_ref(const cJSON *o)
{
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(o, "external_references"))
	{
		const char *src = imp_str(r, "source_name");
		if (src != NULL && strcmp(src, "mitre-attack") == 0 && imp_str(r, "external_id"))
			return r;
	}
	return NULL;
}

/* False when the object names its domains and Enterprise is not among them. */
static bool imp_enterprise(const cJSON *o)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "x_mitre_domains"), *e;
	if (!cJSON_IsArray(d))
		return true;
	cJSON_ArrayForEach(e, d) if (cJSON_GetStringValue(e) &&
	                             strcmp(cJSON_GetStringValue(e), IMP_DOMAIN) == 0) return true;
	return false;
}

static const cJSON *imp_matrix(const struct imp *m)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(m->root, "objects"))
	{
		const cJSON *r = imp_ref(o);
		if (imp_type(o, "x-mitre-matrix") && r != NULL && !imp_true(o, "revoked") &&
		    strcmp(imp_str(r, "external_id"), IMP_DOMAIN) == 0)
			return o;
	}
	return NULL;
}

static bool imp_version(struct imp *m, const char *given, struct attack_src *src)
{
	const cJSON *o;
	const char *found = NULL;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(m->root, "objects"))
	{
		if (imp_type(o, "x-mitre-collection") && imp_str(o, "x_mitre_version"))
			found = imp_str(o, "x_mitre_version");
	}
	if (given != NULL && found != NULL && strcmp(given, found) != 0)
		return imp_fail(m,
		                "the file says it is ATT&CK v%s (its x-mitre-collection), not "
		                "v%s; leave out --attack-version",
		                found, given);
	if (given == NULL && found == NULL)
		return imp_fail(m, "the file has no x-mitre-collection object naming its ATT&CK "
		                   "version; give it with --attack-version X.Y");
	src->version = rg_arena_strdup(m->a, found ? found : given);
	if (!attack_version_ok(src->version))
		return imp_fail(m, "'%s' is not an ATT&CK version number like 18.1", src->version);
	return true;
}

static bool imp_tactics(struct imp *m, const cJSON *matrix, struct attack_src *src)
{
	const cJSON *refs = cJSON_GetObjectItemCaseSensitive(matrix, "tactic_refs"), *r;
	size_t n = (size_t)cJSON_GetArraySize(refs);
	if (n == 0)
		return imp_fail(m, "the Enterprise matrix lists no tactics (tactic_refs)");
	src->tactics = rg_arena_alloc(m->a, n * sizeof(*src->tactics));
	cJSON_ArrayForEach(r, refs)
	{
		const cJSON *t = imp_get(m, cJSON_GetStringValue(r)), *ext = imp_ref(t);
		const char *shortname = imp_str(t, "x_mitre_shortname");
		if (t == NULL || !imp_type(t, "x-mitre-tactic") || ext == NULL ||
		    shortname == NULL || imp_str(t, "name") == NULL)
			return imp_fail(m,
			                "the matrix names the tactic %s, which the file lacks or "
			                "gives without id, shortname or name",
			                cJSON_GetStringValue(r) ? cJSON_GetStringValue(r) : "?");
		const char *url = imp_str(ext, "url");
		src->tactics[src->ntactics++] = (struct attack_tactic){
		        .id = imp_str(ext, "external_id"),
		        .shortname = shortname,
		        .name = imp_str(t, "name"),
		        .url = url ? url : "",
		};
	}
	return true;
}

struct imp_rel {
	const char *source, *target;
};

static int imp_rel_cmp(const void *x, const void *y)
{
	return strcmp(((const struct imp_rel *)x)->source, ((const struct imp_rel *)y)->source);
}

/* The relationships of one type (revoked-by, subtechnique-of) sorted by source. */
static struct imp_rel *imp_rels(const struct imp *m, const char *type, size_t *n)
{
	const cJSON *o, *objs = cJSON_GetObjectItemCaseSensitive(m->root, "objects");
	struct imp_rel *r =
	        rg_arena_alloc(m->a, ((size_t)cJSON_GetArraySize(objs) + 1) * sizeof(*r));
	*n = 0;
	cJSON_ArrayForEach(o, objs)
	{
		const char *rt = imp_str(o, "relationship_type");
		if (imp_type(o, "relationship") && rt != NULL && strcmp(rt, type) == 0 &&
		    imp_str(o, "source_ref") && imp_str(o, "target_ref") && !imp_true(o, "revoked"))
			r[(*n)++] = (struct imp_rel){imp_str(o, "source_ref"),
			                             imp_str(o, "target_ref")};
	}
	qsort(r, *n, sizeof(*r), imp_rel_cmp);
	return r;
}

static const char *imp_rel_find(const struct imp_rel *r, size_t n, const char *source)
{
	struct imp_rel key = {source, NULL};
	const struct imp_rel *f = bsearch(&key, r, n, sizeof(*r), imp_rel_cmp);
	return f ? f->target : NULL;
}

/* The tactic shortnames of an attack-pattern's mitre-attack kill chain phases. */
static const char *imp_phases(struct imp *m, const cJSON *o)
{
	const cJSON *p;
	const char *s = "";
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(o, "kill_chain_phases"))
	{
		const char *chain = imp_str(p, "kill_chain_name"),
		           *phase = imp_str(p, "phase_name");
		if (chain != NULL && phase != NULL && strcmp(chain, "mitre-attack") == 0)
			s = rg_arena_printf(m->a, "%s%s%s", s, *s ? "," : "", phase);
	}
	return s;
}

static bool imp_techniques(struct imp *m, struct attack_src *src)
{
	const cJSON *o, *objs = cJSON_GetObjectItemCaseSensitive(m->root, "objects");
	size_t nrev, nsub;
	struct imp_rel *rev = imp_rels(m, "revoked-by", &nrev);
	struct imp_rel *sub = imp_rels(m, "subtechnique-of", &nsub);
	src->techs =
	        rg_arena_alloc(m->a, ((size_t)cJSON_GetArraySize(objs) + 1) * sizeof(*src->techs));
	cJSON_ArrayForEach(o, objs)
	{
		const cJSON *ext = imp_ref(o);
		if (!imp_type(o, "attack-pattern") || !imp_enterprise(o))
			continue;
		if (ext == NULL || imp_str(o, "name") == NULL)
			return imp_fail(m, "the attack-pattern %s has no ATT&CK id or name",
			                imp_str(o, "id") ? imp_str(o, "id") : "?");
		struct attack_src_tech *t = &src->techs[src->ntechs++];
		const char *id = imp_str(o, "id"), *url = imp_str(ext, "url");
		t->id = imp_str(ext, "external_id");
		t->name = imp_str(o, "name");
		t->url = url ? url : "";
		t->tactics = imp_phases(m, o);
		t->sub = imp_true(o, "x_mitre_is_subtechnique") || imp_rel_find(sub, nsub, id);
		t->deprecated = imp_true(o, "x_mitre_deprecated");
		t->revoked = imp_true(o, "revoked");
		t->stix_id = id;
		t->created = imp_str(o, "created");
		t->modified = imp_str(o, "modified");
		const cJSON *by = t->revoked ? imp_get(m, imp_rel_find(rev, nrev, id)) : NULL;
		t->revoked_by = imp_ref(by) ? imp_str(imp_ref(by), "external_id") : NULL;
	}
	return true;
}

/* MITRE's copyright statement (the marking-definition of the matrix). */
static const char *imp_statement(const struct imp *m, const cJSON *matrix)
{
	const cJSON *ref;
	cJSON_ArrayForEach(ref, cJSON_GetObjectItemCaseSensitive(matrix, "object_marking_refs"))
	{
		const cJSON *def = cJSON_GetObjectItemCaseSensitive(
		        imp_get(m, cJSON_GetStringValue(ref)), "definition");
		if (imp_str(def, "statement") != NULL)
			return imp_str(def, "statement");
	}
	return "";
}

struct rg_attack *attack_import(struct rg_arena *a, const char *buf, size_t len,
                                const char *version, const char *source, char err[ATTACK_ERR])
{
	struct imp m = {.a = a, .err = err};
	struct attack_src src;
	memset(&src, 0, sizeof(src));
	err[0] = '\0';
	m.root = cJSON_ParseWithLength(buf, len);
	const cJSON *objs = cJSON_GetObjectItemCaseSensitive(m.root, "objects"), *o;
	struct rg_attack *db = NULL;
	if (m.root == NULL || !imp_type(m.root, "bundle") || !cJSON_IsArray(objs)) {
		imp_fail(&m, "not a STIX bundle (a JSON object with \"type\": \"bundle\" and "
		             "\"objects\")");
		goto out;
	}
	m.byid = rg_xcalloc((size_t)cJSON_GetArraySize(objs) + 1, sizeof(*m.byid));
	cJSON_ArrayForEach(o, objs) if (imp_str(o, "id") != NULL) m.byid[m.n++] = (cJSON *)o;
	qsort(m.byid, m.n, sizeof(*m.byid), imp_id_cmp);
	const cJSON *matrix = imp_matrix(&m);
	if (matrix == NULL) {
		imp_fail(&m, "no Enterprise ATT&CK matrix (an x-mitre-matrix with external_id "
		             "\"" IMP_DOMAIN "\"): not MITRE's Enterprise release file");
		goto out;
	}
	if (!imp_version(&m, version, &src) || !imp_tactics(&m, matrix, &src) ||
	    !imp_techniques(&m, &src))
		goto out;
	/* strings live in the JSON tree, which is freed below: copy what the tables keep */
	src.attribution = imp_statement(&m, matrix);
	src.source = source;
	for (size_t i = 0; i < src.ntactics; i++) {
		struct attack_tactic *t = &src.tactics[i];
		t->id = rg_arena_strdup(a, t->id);
		t->shortname = rg_arena_strdup(a, t->shortname);
		t->name = rg_arena_strdup(a, t->name);
		t->url = rg_arena_strdup(a, t->url);
	}
	for (size_t i = 0; i < src.ntechs; i++) {
		struct attack_src_tech *t = &src.techs[i];
		t->id = rg_arena_strdup(a, t->id);
		t->name = rg_arena_strdup(a, t->name);
		t->url = rg_arena_strdup(a, t->url);
		t->revoked_by = t->revoked_by ? rg_arena_strdup(a, t->revoked_by) : NULL;
		t->stix_id = t->stix_id ? rg_arena_strdup(a, t->stix_id) : NULL;
		t->created = t->created ? rg_arena_strdup(a, t->created) : NULL;
		t->modified = t->modified ? rg_arena_strdup(a, t->modified) : NULL;
	}
	src.attribution = rg_arena_strdup(a, src.attribution);
	src.source = rg_arena_strdup(a, source ? source : "");
	char why[ATTACK_ERR];
	db = attack_build(a, &src, why);
	if (db == NULL)
		imp_fail(&m, "%s", why);
out:
	free(m.byid);
	cJSON_Delete(m.root);
	return db;
}

/* validate_attack.c: checks the mitre section against the ATT&CK version in use (the bundled
 * one, report.attack's, or --attack's), and what changed since the report's own version. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attack.h"
#include "attack_diff.h"
#include "ioc.h"
#include "validate.h"
#include "suggest.h"
#include "techlink.h"

#define VA_DB(v) ((v)->doc->attack)
#define VA_VER(v) (VA_DB(v)->version)
#define VA_PATH_MAX 128

/* "Privilege Escalation (TA0004), Defense Evasion (TA0005)"; arena string. */
static const char *va_tactic_list(struct val *v, const struct attack_technique *t)
{
	return attack_tactic_names(v->doc->arena, VA_DB(v), t);
}

static void va_fill_tactic(struct rg_technique *m, const struct attack_tactic *ta)
{
	if (ta == NULL)
		return;
	m->tactic_name = ta->name;
	m->tactic_id = ta->id;
	m->tactic_short = ta->shortname;
	m->tactic_order = ta->order;
}

/* A well-formed id that a malformed one most likely means (T1204-002, 1566, " T1566"). */
static bool va_id_fix(const char *id, char *fix, size_t size)
{
	id += strspn(id, " ");
	size_t n = strlen(id);
	while (n > 0 && id[n - 1] == ' ')
		n--;
	bool letter = id[0] == 'T' || id[0] == 't';
	if (n + 2 > size || n == 0)
		return false;
	snprintf(fix, size, "%s%.*s", letter ? "" : "T", (int)n, id);
	if (strlen(fix) == 9 && strchr("-_/ ,", fix[5]) != NULL)
		fix[5] = '.';
	return attack_id_wellformed(fix);
}

/* Looks up the written id; reports a malformed (error) or unknown (warning) one. *malformed
 * is set when the id is not of the T#### / T####.### form. */
static const struct attack_technique *va_by_id(struct val *v, struct rg_technique *m, size_t i,
                                               bool *malformed)
{
	struct rg_arena *ar = v->doc->arena;
	char path[VA_PATH_MAX];
	snprintf(path, sizeof(path), "mitre[%zu].technique", i);
	if (!attack_id_wellformed(m->technique.s)) {
		char fix[16];
		bool hint = va_id_fix(m->technique.s, fix, sizeof(fix));
		*malformed = true;
		if (attack_tactic_find(VA_DB(v), m->technique.s) != NULL &&
		    strncasecmp(m->technique.s, "TA", 2) == 0)
			val_report(v, m->technique.pos, RG_E_VALUE, path,
			           "expected an ATT&CK technique id like T1566 or T1598.003; got "
			           "the tactic id %s; "
			           "write it as \"tactic: %s\"",
			           ioc_quote(ar, m->technique.s), m->technique.s);
		else
			val_report(v, m->technique.pos, RG_E_VALUE, path,
			           "expected an ATT&CK technique id like T1566 or T1598.003; got "
			           "%s%s%s%s",
			           ioc_quote(ar, m->technique.s), hint ? " (did you mean \"" : "",
			           hint ? fix : "", hint ? "\"?)" : "");
		return NULL;
	}
	const struct attack_technique *t = attack_by_id(VA_DB(v), m->technique.s);
	if (t == NULL) {
		size_t n = 0;
		const struct attack_technique *byname =
		        attack_by_name(VA_DB(v), m->name.s, NULL, &n);
		val_report(v, m->technique.pos, RG_W_ATTACK_UNKNOWN_ID, path,
		           "%s is not a technique in ATT&CK v%s%s%s%s%s", m->technique.s, VA_VER(v),
		           n == 1 ? "; " : "", n == 1 ? ioc_quote(ar, m->name.s) : "",
		           n == 1 ? " is " : "", n == 1 ? byname->id : "");
	}
	return t;
}

/* The closest technique name to name, or NULL when none is a plausible typo. Each search
 * scans the whole table, so a document gets only the first VA_MAX_HINTS of them. */
static const char *va_name_hint(struct val *v, const char *name)
{
	enum { VA_MAX_HINTS = 16 };
	unsigned best = 255;
	const char *hint = NULL;
	size_t len = strlen(name);
	unsigned limit = len < 8 ? 1 : len < 16 ? 2 : 3;
	if (v->name_hints++ >= VA_MAX_HINTS)
		return NULL;
	for (size_t i = 0; i < VA_DB(v)->nnames; i++) {
		const struct attack_name *an = &VA_DB(v)->names[i];
		const struct attack_technique *t = &VA_DB(v)->techniques[an->technique];
		size_t alen = strlen(an->name);
		if (t->revoked || t->deprecated || alen > len + limit || len > alen + limit)
			continue;
		unsigned d = suggest_distance(name, an->name, SUGGEST_DOC);
		if (d < best) {
			best = d;
			hint = an->name;
		}
	}
	return best <= limit ? hint : NULL;
}

/* Looks the technique up by its name alone; reports an unknown or ambiguous name. */
static const struct attack_technique *va_by_name(struct val *v, struct rg_technique *m, size_t i,
                                                 const struct attack_tactic *tactic)
{
	struct rg_arena *ar = v->doc->arena;
	char path[VA_PATH_MAX];
	size_t n;
	const struct attack_technique *t = attack_by_name(VA_DB(v), m->name.s, tactic, &n);
	snprintf(path, sizeof(path), "mitre[%zu].name", i);
	if (n == 0) {
		const char *hint = va_name_hint(v, m->name.s);
		val_report(v, m->name.pos, RG_W_ATTACK_UNKNOWN_NAME, path,
		           "no technique is named %s in ATT&CK v%s%s%s%s", ioc_quote(ar, m->name.s),
		           VA_VER(v), hint ? " (did you mean \"" : "", hint ? hint : "",
		           hint ? "\"?)" : "");
		return NULL;
	}
	if (n > 1) {
		const char *list = "";
		for (size_t k = 0; k < n; k++) {
			const struct attack_technique *c =
			        attack_by_name_nth(VA_DB(v), m->name.s, tactic, k);
			list = rg_arena_printf(ar, "%s%s%s (%s)", list, k ? ", " : "", c->id,
			                       c->full_name);
		}
		/* a written tactic did not tell them apart: all or none of them are under it */
		const char *fix = "write the technique id or a tactic";
		if (tactic != NULL &&
		    attack_has_tactic(VA_DB(v), attack_by_name_nth(VA_DB(v), m->name.s, tactic, 0),
		                      tactic))
			fix = "write the technique id";
		else if (tactic != NULL)
			fix = rg_arena_printf(ar, "none is under %s (%s); write the technique id",
			                      tactic->name, tactic->id);
		val_report(v, m->name.pos, RG_W_ATTACK_UNKNOWN_NAME, path,
		           "%s names several techniques in ATT&CK v%s: %s; %s",
		           ioc_quote(ar, m->name.s), VA_VER(v), list, fix);
		return NULL;
	}
	return t;
}

/* Deprecated and revoked techniques, reported at the field that named them. */
static void va_status(struct val *v, const struct rg_technique *m, size_t i,
                      const struct attack_technique *t, unsigned changed)
{
	char path[VA_PATH_MAX];
	bool by_id = m->technique.s != NULL;
	struct rg_pos pos = by_id ? m->technique.pos : m->name.pos;
	snprintf(path, sizeof(path), "mitre[%zu].%s", i, by_id ? "technique" : "name");
	if (t->deprecated)
		val_report(v, pos, RG_W_ATTACK_DEPRECATED, path,
		           "%s (%s) is deprecated in ATT&CK v%s and has no replacement", t->id,
		           t->full_name, VA_VER(v));
	if (!t->revoked || (changed & ATTACK_DIFF_REVOKED))
		return;
	const struct attack_technique *end = attack_follow_revoked(VA_DB(v), t);
	if (end == NULL)
		val_report(v, pos, RG_W_ATTACK_REVOKED, path, "%s (%s) is revoked in ATT&CK v%s",
		           t->id, t->full_name, VA_VER(v));
	else if (strcmp(end->id, t->revoked_by) != 0)
		val_report(v, pos, RG_W_ATTACK_REVOKED, path,
		           "%s (%s) is revoked in ATT&CK v%s"
		           "; use %s (%s), which replaces %s, itself revoked",
		           t->id, t->full_name, VA_VER(v), end->id, end->full_name, t->revoked_by);
	else
		val_report(v, pos, RG_W_ATTACK_REVOKED, path,
		           "%s (%s) is revoked in ATT&CK v%s; use %s (%s)", t->id, t->full_name,
		           VA_VER(v), end->id, end->full_name);
}

/* Checks the written tactic against the technique and fills the tactic fields. */
static void va_tactic(struct val *v, struct rg_technique *m, size_t i,
                      const struct attack_technique *t, const struct attack_tactic *ta,
                      unsigned changed)
{
	struct rg_arena *ar = v->doc->arena;
	char path[VA_PATH_MAX];
	snprintf(path, sizeof(path), "mitre[%zu].tactic", i);
	if (m->tactic.s == NULL) {
		/* the table lists tactics in kill-chain order: the first is the earliest */
		va_fill_tactic(m, attack_tactic_of(VA_DB(v), t, 0));
		return;
	}
	if (ta == NULL && (changed & ATTACK_DIFF_MOVED)) {
		va_fill_tactic(m, attack_tactic_of(VA_DB(v), t, 0));
		return;
	}
	if (ta == NULL) {
		const char *names[64];
		size_t n = 0;
		for (size_t k = 0; k < VA_DB(v)->ntactics && n + 1 < 64; k++) {
			names[n++] = VA_DB(v)->tactics[k].name;
			names[n++] = VA_DB(v)->tactics[k].shortname;
		}
		const char *hint = suggest_name(m->tactic.s, names, n);
		val_report(v, m->tactic.pos, RG_W_ATTACK_UNKNOWN_TACTIC, path,
		           "no tactic is named %s in ATT&CK v%s%s%s%s; %s (%s) is under %s",
		           ioc_quote(ar, m->tactic.s), VA_VER(v), hint ? " (did you mean \"" : "",
		           hint ? hint : "", hint ? "\"?)" : "", t->id, t->full_name,
		           va_tactic_list(v, t));
		va_fill_tactic(m, attack_tactic_of(VA_DB(v), t, 0));
		return;
	}
	if (!attack_has_tactic(VA_DB(v), t, ta) && !(changed & ATTACK_DIFF_MOVED))
		val_report(v, m->tactic.pos, RG_W_ATTACK_BAD_TACTIC, path,
		           "%s (%s) is not under %s (%s) in ATT&CK v%s; its %s: %s", t->id,
		           t->full_name, ta->name, ta->id, VA_VER(v),
		           t->ntactics == 1 ? "tactic is" : "tactics are", va_tactic_list(v, t));
	va_fill_tactic(m, ta);
}

/* A tactic written beside an unresolved technique: fill it when it exists, else report it. */
static void va_tactic_alone(struct val *v, struct rg_technique *m, size_t i,
                            const struct attack_tactic *ta)
{
	char path[VA_PATH_MAX];
	if (ta != NULL) {
		va_fill_tactic(m, ta);
		return;
	}
	if (m->tactic.s == NULL)
		return;
	snprintf(path, sizeof(path), "mitre[%zu].tactic", i);
	val_report(v, m->tactic.pos, RG_W_ATTACK_UNKNOWN_TACTIC, path,
	           "no tactic is named %s in ATT&CK v%s", ioc_quote(v->doc->arena, m->tactic.s),
	           VA_VER(v));
}

/* The tactic the report had for technique old in `from`: the written one, else the first. */
static const struct attack_tactic *va_old_tactic(const struct rg_attack *from,
                                                 const struct rg_technique *m,
                                                 const struct attack_technique *old)
{
	const struct attack_tactic *ta = attack_tactic_find(from, m->tactic.s);
	return ta != NULL ? ta : attack_tactic_of(from, old, 0);
}

static bool va_still_under(const struct rg_attack *to, const struct attack_technique *now,
                           const struct attack_tactic *ta)
{
	for (size_t k = 0; ta != NULL && k < now->ntactics; k++) {
		const struct attack_tactic *x = attack_tactic_of(to, now, k);
		if (strcmp(x->id, ta->id) == 0 && strcmp(x->shortname, ta->shortname) == 0)
			return true;
	}
	return ta == NULL;
}

/* What changed for entry i between the version the report is written for and the one in
 * use (--attack), reported as warnings that say what to write. Returns the ATTACK_DIFF_*
 * bits reported (their generic warnings are then left out) and, in *now, the technique in
 * the version in use. */
static unsigned va_changes(struct val *v, struct rg_technique *m, size_t i,
                           const struct attack_technique **now)
{
	const struct rg_attack *from = v->doc->attack_written, *to = VA_DB(v);
	struct rg_arena *ar = v->doc->arena;
	const struct attack_technique *old = NULL;
	char path[VA_PATH_MAX];
	size_t n = 0;
	*now = NULL;
	if (from == NULL)
		return 0;
	if (m->technique.s != NULL)
		old = attack_by_id(from, m->technique.s);
	else if (m->name.s != NULL)
		old = attack_by_name(from, m->name.s, attack_tactic_find(from, m->tactic.s), &n);
	if (old == NULL || (m->technique.s == NULL && n != 1))
		return 0;
	struct attack_delta d;
	unsigned w = attack_diff(from, to, old->id, &d) &
	             (ATTACK_DIFF_REVOKED | ATTACK_DIFF_RENAMED | ATTACK_DIFF_MOVED);
	const struct attack_tactic *ta = va_old_tactic(from, m, old);
	if ((w & ATTACK_DIFF_MOVED) && va_still_under(to, d.now, ta))
		w &= ~(unsigned)ATTACK_DIFF_MOVED;
	*now = d.now;
	bool by_id = m->technique.s != NULL;
	struct rg_pos pos = by_id ? m->technique.pos : m->name.pos;
	snprintf(path, sizeof(path), "mitre[%zu].%s", i, by_id ? "technique" : "name");
	if ((w & ATTACK_DIFF_REVOKED) && d.replacement != NULL)
		val_report(v, pos, RG_W_ATTACK_CHANGED, path,
		           "%s (%s) of ATT&CK v%s is revoked in v%s and replaced by %s (%s); write "
		           "\"technique: %s\"",
		           old->id, old->full_name, from->version, to->version, d.replacement->id,
		           d.replacement->full_name, d.replacement->id);
	else if (w & ATTACK_DIFF_REVOKED)
		val_report(v, pos, RG_W_ATTACK_CHANGED, path,
		           "%s (%s) of ATT&CK v%s is revoked in v%s with no replacement; remove it "
		           "or write another technique",
		           old->id, old->full_name, from->version, to->version);
	if (w & ATTACK_DIFF_RENAMED) {
		bool written = m->name.s != NULL;
		snprintf(path, sizeof(path), "mitre[%zu].%s", i, written ? "name" : "technique");
		val_report(v, written ? m->name.pos : pos, RG_W_ATTACK_CHANGED, path,
		           "%s is named %s in ATT&CK v%s and %s in v%s%s%s%s", old->id,
		           ioc_quote(ar, old->full_name), from->version,
		           ioc_quote(ar, d.now->full_name), to->version,
		           written ? "; write \"name: " : "", written ? d.now->full_name : "",
		           written ? "\"" : "");
	}
	if (w & ATTACK_DIFF_MOVED) {
		const struct attack_tactic *first = attack_tactic_of(to, d.now, 0);
		bool written = m->tactic.s != NULL;
		snprintf(path, sizeof(path), "mitre[%zu].%s", i, written ? "tactic" : "technique");
		val_report(v, written ? m->tactic.pos : pos, RG_W_ATTACK_CHANGED, path,
		           "%s (%s) is under %s (%s) in ATT&CK v%s and under %s in v%s; write "
		           "\"tactic: %s\"",
		           old->id, d.now->full_name, ta->name, ta->id, from->version,
		           va_tactic_list(v, d.now), to->version, first ? first->shortname : "");
	}
	return w;
}

static void va_technique(struct val *v, size_t i)
{
	struct rg_technique *m = &v->doc->mitre[i];
	char path[VA_PATH_MAX];
	const struct attack_tactic *ta = attack_tactic_find(VA_DB(v), m->tactic.s);
	const struct attack_technique *t = NULL, *now;
	bool malformed = false;
	m->tactic_order = RG_TACTIC_ORDER_UNKNOWN;
	unsigned changed = va_changes(v, m, i, &now);
	if (m->technique.s != NULL)
		t = va_by_id(v, m, i, &malformed);
	else if (m->name.s != NULL && (changed & ATTACK_DIFF_RENAMED))
		t = now;
	else if (m->name.s != NULL)
		t = va_by_name(v, m, i, ta);
	if (t == NULL) {
		if (!malformed)
			va_tactic_alone(v, m, i, ta);
		return;
	}
	if (m->technique.s != NULL && m->name.s != NULL && !attack_name_matches(t, m->name.s) &&
	    !(changed & ATTACK_DIFF_RENAMED)) {
		snprintf(path, sizeof(path), "mitre[%zu].name", i);
		val_report(v, m->name.pos, RG_W_ATTACK_NAME_MISMATCH, path,
		           "%s is %s in ATT&CK v%s, not %s", t->id,
		           ioc_quote(v->doc->arena, t->full_name), VA_VER(v),
		           ioc_quote(v->doc->arena, m->name.s));
	}
	m->id = t->id;
	m->full_name = t->full_name;
	m->url = t->url;
	m->attack_name = t->name;
	m->stix_id = t->stix_id;
	m->stix_created = t->created;
	m->stix_modified = t->modified;
	va_status(v, m, i, t, changed);
	va_tactic(v, m, i, t, ta, changed);
}

/* The version to check against (rg_doc.attack) and the one the report is written for. */
static void va_versions(struct val *v)
{
	struct rg_doc *doc = v->doc;
	const struct rg_text *pin = &doc->report.attack;
	const struct rg_attack *written = rg_attack_bundled();
	if (pin->s != NULL) {
		char err[1024];
		written = rg_attack_open(pin->s, err, sizeof(err));
		if (written == NULL && doc->attack == NULL)
			val_report(v, pin->pos, RG_E_VALUE, "report.attack", "%s", err);
	}
	if (doc->attack == NULL)
		doc->attack = written != NULL ? written : rg_attack_bundled();
	else if (written != NULL && written != doc->attack)
		doc->attack_written = written;
}

static int va_order_cmp(const void *a, const void *b)
{
	const struct rg_technique *x = *(const struct rg_technique *const *)a;
	const struct rg_technique *y = *(const struct rg_technique *const *)b;
	if (x->tactic_order != y->tactic_order)
		return x->tactic_order < y->tactic_order ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* One written entry of an artifact's or email's techniques: it must name an entry of mitre. */
static void va_link(struct val *v, const struct techlink_index *x, const struct rg_text *w,
                    const char *path)
{
	struct rg_doc *doc = v->doc;
	if (w->s == NULL || techlink_find(x, w->s) != NULL)
		return;
	if (doc->nmitre == 0) {
		val_report(v, w->pos, RG_E_UNKNOWN_TECHNIQUE, path,
		           "\"%.60s\" is not in mitre, which is empty; add the technique to mitre "
		           "(- technique: T1566) or remove it here",
		           w->s);
		return;
	}
	const char **names = rg_xmalloc(3 * doc->nmitre * sizeof(*names));
	for (size_t i = 0; i < doc->nmitre; i++) {
		const struct rg_technique *t = &doc->mitre[i];
		const char *sub = t->full_name ? strstr(t->full_name, ": ") : NULL;
		names[3 * i] = t->id ? t->id : t->technique.s;
		names[3 * i + 1] = t->full_name ? t->full_name : t->name.s;
		names[3 * i + 2] = sub ? sub + 2 : NULL;
	}
	const char *hint = suggest_name(w->s, names, 3 * doc->nmitre);
	const char *first = names[0] ? names[0] : names[1];
	free(names);
	if (hint != NULL)
		val_report(v, w->pos, RG_E_UNKNOWN_TECHNIQUE, path,
		           "\"%.60s\" is not in mitre (did you mean \"%s\"?); name a technique "
		           "listed there by its id or name",
		           w->s, hint);
	else
		val_report(v, w->pos, RG_E_UNKNOWN_TECHNIQUE, path,
		           "\"%.60s\" is not in mitre; name a technique listed there by its id or "
		           "name (e.g. \"%s\"), or add it to mitre",
		           w->s, first ? first : "T1566");
}

/* artifacts[].techniques and emails[].techniques name entries of mitre. */
static void va_links(struct val *v)
{
	struct rg_doc *doc = v->doc;
	char path[VA_PATH_MAX];
	const struct techlink_index *x = techlink_index(doc->arena, doc);
	for (size_t i = 0; i < doc->nartifacts; i++)
		for (size_t k = 0; k < doc->artifacts[i].techniques.n; k++) {
			snprintf(path, sizeof(path), "artifacts[%zu].techniques[%zu]", i, k);
			va_link(v, x, &doc->artifacts[i].techniques.v[k], path);
		}
	for (size_t i = 0; i < doc->nemails; i++)
		for (size_t k = 0; k < doc->emails[i].techniques.n; k++) {
			snprintf(path, sizeof(path), "emails[%zu].techniques[%zu]", i, k);
			va_link(v, x, &doc->emails[i].techniques.v[k], path);
		}
}

void val_mitre(struct val *v)
{
	struct rg_doc *doc = v->doc;
	va_versions(v);
	const struct rg_technique **sorted =
	        rg_arena_alloc(doc->arena, (doc->nmitre + 1) * sizeof(*sorted));
	for (size_t i = 0; i < doc->nmitre; i++) {
		va_technique(v, i);
		sorted[i] = &doc->mitre[i];
	}
	qsort(sorted, doc->nmitre, sizeof(*sorted), va_order_cmp);
	doc->mitre_sorted = sorted;
	va_links(v);
}

/* stix1_ttp.c: the STIX 1 TTPs: one per distinct technique, with its ATT&CK attack pattern and
 * kill chain phases, and the mitre-attack kill chain. */
#include <stdlib.h>
#include <string.h>

#include "attack.h"
#include "export.h"
#include "stix1.h"

/* The identity of a technique: its resolved id, else what was written. */
static const char *stix1_technique_key(const struct rg_technique *t)
{
	if (t->id != NULL)
		return t->id;
	return t->technique.s ? t->technique.s : (t->name.s ? t->name.s : "");
}

/* A technique entry with its place in kill-chain order. */
struct stix1_entry {
	const struct rg_technique *t;
	size_t pos;
};

/* By technique, then kill-chain place. */
static int stix1_entry_cmp(const void *x, const void *y)
{
	const struct stix1_entry *a = x, *b = y;
	int c = strcmp(stix1_technique_key(a->t), stix1_technique_key(b->t));
	return c != 0 ? c : (a->pos < b->pos ? -1 : a->pos > b->pos);
}

/* A group of entries (one TTP): [begin, end) in the sorted entries. */
struct stix1_group {
	size_t begin, end, pos;
};

static int stix1_group_cmp(const void *x, const void *y)
{
	const struct stix1_group *a = x, *b = y;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Distinct techniques in kill-chain order (of their first entry); entries naming the same
 * technique share a TTP, whose kill chain phases are the tactics of them all. Sorting keeps
 * this O(n log n) however many techniques are listed. */
void stix1_plan_ttps(struct stix1 *s1)
{
	const struct rg_doc *doc = s1->doc;
	size_t n = doc->nmitre, ngroups = 0;
	struct stix1_entry *e = rg_arena_alloc(s1->arena, (n + 1) * sizeof(*e));
	struct stix1_group *g = rg_arena_alloc(s1->arena, (n + 1) * sizeof(*g));
	for (size_t i = 0; i < n; i++)
		e[i] = (struct stix1_entry){
		        doc->mitre_sorted ? doc->mitre_sorted[i] : &doc->mitre[i], i};
	qsort(e, n, sizeof(*e), stix1_entry_cmp);
	for (size_t i = 0; i < n; i++) {
		if (ngroups > 0 && strcmp(stix1_technique_key(e[g[ngroups - 1].begin].t),
		                          stix1_technique_key(e[i].t)) == 0) {
			g[ngroups - 1].end = i + 1;
			continue;
		}
		g[ngroups++] = (struct stix1_group){i, i + 1, e[i].pos};
	}
	qsort(g, ngroups, sizeof(*g), stix1_group_cmp);
	s1->ttps = rg_arena_alloc(s1->arena, (ngroups + 1) * sizeof(*s1->ttps));
	s1->ttp_ids = rg_arena_alloc(s1->arena, (ngroups + 1) * sizeof(*s1->ttp_ids));
	s1->ttp_members = rg_arena_alloc(s1->arena, (n + 1) * sizeof(*s1->ttp_members));
	s1->ttp_first = rg_arena_alloc(s1->arena, (ngroups + 2) * sizeof(*s1->ttp_first));
	s1->ttp_of = rg_arena_alloc(s1->arena, (n + 1) * sizeof(*s1->ttp_of));
	s1->techlinks = techlink_index(s1->arena, doc);
	size_t m = 0;
	for (size_t k = 0; k < ngroups; k++) {
		s1->ttp_first[k] = m;
		s1->ttps[k] = e[g[k].begin].t;
		s1->ttp_ids[k] = stix1_id(s1, "TTP", stix1_technique_key(s1->ttps[k]));
		for (size_t i = g[k].begin; i < g[k].end; i++) {
			s1->ttp_members[m++] = e[i].t;
			s1->ttp_of[e[i].t - doc->mitre] = s1->ttp_ids[k];
		}
	}
	s1->ttp_first[ngroups] = m;
	s1->nttps = ngroups;
}

static const char *stix1_technique_title(struct stix1 *s1, const struct rg_technique *t)
{
	const char *id = stix1_technique_key(t);
	const char *name = t->full_name ? t->full_name : t->name.s;
	if (name == NULL || strcmp(name, id) == 0)
		return id;
	if (id[0] == '\0')
		return name;
	return rg_arena_printf(s1->arena, "%s: %s", id, name);
}

static const char *stix1_kill_chain_id(struct stix1 *s1)
{
	return stix1_id(s1, "KillChain", "mitre-attack");
}

/* One Kill_Chain_Phase element of the mitre-attack chain for a tactic. */
static xmlNodePtr stix1_phase(struct stix1 *s1, xmlNodePtr list, const struct rg_technique *t)
{
	xmlNodePtr p = stix1_el(s1, list, S1_COMMON, "Kill_Chain_Phase");
	stix1_attr(s1, p, "phase_id", stix1_id(s1, "KillChainPhase", t->tactic_short));
	stix1_attr(s1, p, "name", t->tactic_short);
	stix1_attr(s1, p, "ordinality", rg_arena_printf(s1->arena, "%d", t->tactic_order));
	return p;
}

/* Kill chain phases of TTP i: one per distinct tactic of its entries, in kill-chain order. */
static void stix1_ttp_phases(struct stix1 *s1, xmlNodePtr ttp, size_t i)
{
	const struct rg_technique *mem[STIX1_MAX_PHASES];
	size_t nmem = 0;
	for (size_t k = s1->ttp_first[i]; k < s1->ttp_first[i + 1]; k++) {
		const struct rg_technique *t = s1->ttp_members[k];
		bool dup = t->tactic_short == NULL;
		for (size_t j = 0; j < nmem && !dup; j++)
			dup = strcmp(mem[j]->tactic_short, t->tactic_short) == 0;
		if (dup || nmem == STIX1_MAX_PHASES)
			continue;
		size_t at = nmem++;
		for (; at > 0 && mem[at - 1]->tactic_order > t->tactic_order; at--)
			mem[at] = mem[at - 1];
		mem[at] = t;
	}
	if (nmem == 0)
		return;
	xmlNodePtr phases = stix1_el(s1, ttp, S1_TTP, "Kill_Chain_Phases");
	for (size_t j = 0; j < nmem; j++) {
		xmlNodePtr p = stix1_phase(s1, phases, mem[j]);
		stix1_attr(s1, p, "kill_chain_id", stix1_kill_chain_id(s1));
		stix1_attr(s1, p, "kill_chain_name", "mitre-attack");
	}
}

/* TTP i as element `name` of namespace `ns` under `parent`. */
static void stix1_ttp(struct stix1 *s1, xmlNodePtr parent, enum stix1_ns ns, const char *name,
                      size_t i)
{
	const struct rg_technique *t = s1->ttps[i];
	const char *key = stix1_technique_key(t), *title = stix1_technique_title(s1, t);
	xmlNodePtr n = stix1_el(s1, parent, ns, name);
	stix1_xsi_type(s1, n, "ttp:TTPType");
	stix1_attr(s1, n, "id", s1->ttp_ids[i]);
	stix1_attr(s1, n, "timestamp", s1->timestamp);
	stix1_text(s1, n, S1_TTP, "Title", title);
	stix1_text(s1, n, S1_TTP, "Description", export_plain(s1->arena, t->comment.s));
	xmlNodePtr ap = stix1_el(
	        s1, stix1_el(s1, stix1_el(s1, n, S1_TTP, "Behavior"), S1_TTP, "Attack_Patterns"),
	        S1_TTP, "Attack_Pattern");
	stix1_attr(s1, ap, "id", stix1_id(s1, "AttackPattern", key));
	stix1_text(s1, ap, S1_TTP, "Title", title);
	if (t->id != NULL) {
		const char *d =
		        t->tactic_name
		                ? rg_arena_printf(s1->arena,
		                                  "MITRE ATT&CK Enterprise %s technique %s, "
		                                  "tactic %s (%s).",
		                                  attack_of(s1->doc)->version, title,
		                                  t->tactic_name, t->tactic_id ? t->tactic_id : "")
		                : rg_arena_printf(s1->arena,
		                                  "MITRE ATT&CK Enterprise %s technique %s.",
		                                  attack_of(s1->doc)->version, title);
		stix1_text(s1, ap, S1_TTP, "Description", d);
	}
	stix1_ttp_phases(s1, n, i);
	if (t->url != NULL) {
		xmlNodePtr src = stix1_el(s1, n, S1_TTP, "Information_Source");
		stix1_text(s1, stix1_el(s1, src, S1_COMMON, "References"), S1_COMMON, "Reference",
		           t->url);
	}
}

/* The mitre-attack kill chain: every tactic of the ATT&CK version used, in matrix order. */
static void stix1_kill_chain(struct stix1 *s1, xmlNodePtr ttps)
{
	xmlNodePtr chain =
	        stix1_el(s1, stix1_el(s1, ttps, S1_STIX, "Kill_Chains"), S1_COMMON, "Kill_Chain");
	stix1_attr(s1, chain, "id", stix1_kill_chain_id(s1));
	stix1_attr(s1, chain, "name", "mitre-attack");
	stix1_attr(s1, chain, "definer", "MITRE");
	stix1_attr(s1, chain, "reference", "https://attack.mitre.org/tactics/enterprise/");
	stix1_attr(s1, chain, "number_of_phases",
	           rg_arena_printf(s1->arena, "%zu", attack_of(s1->doc)->ntactics));
	for (size_t i = 0; i < attack_of(s1->doc)->ntactics; i++) {
		const struct attack_tactic *t = &attack_of(s1->doc)->tactics[i];
		xmlNodePtr p = stix1_el(s1, chain, S1_COMMON, "Kill_Chain_Phase");
		stix1_attr(s1, p, "phase_id", stix1_id(s1, "KillChainPhase", t->shortname));
		stix1_attr(s1, p, "name", t->shortname);
		stix1_attr(s1, p, "ordinality", rg_arena_printf(s1->arena, "%d", t->order));
	}
}

void stix1_ttps(struct stix1 *s1, xmlNodePtr pkg)
{
	if (s1->nttps == 0 || s1->mitre) /* STIX 1.2: in the incident (stix1_leveraged_ttps) */
		return;
	xmlNodePtr ttps = stix1_el(s1, pkg, S1_STIX, "TTPs");
	for (size_t i = 0; i < s1->nttps; i++)
		stix1_ttp(s1, ttps, S1_STIX, "TTP", i);
	stix1_kill_chain(s1, ttps);
}

void stix1_leveraged_ttps(struct stix1 *s1, xmlNodePtr inc)
{
	if (s1->nttps == 0)
		return;
	xmlNodePtr list = stix1_el(s1, inc, S1_INCIDENT, "Leveraged_TTPs");
	for (size_t i = 0; i < s1->nttps; i++) {
		xmlNodePtr item = stix1_el(s1, list, S1_INCIDENT, "Leveraged_TTP");
		if (s1->mitre)
			stix1_ttp(s1, item, S1_COMMON, "TTP", i);
		else
			stix1_attr(s1, stix1_el(s1, item, S1_COMMON, "TTP"), "idref",
			           s1->ttp_ids[i]);
	}
}

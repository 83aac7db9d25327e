/* stix2.c: the STIX 2.1 back end: a bundle of SDOs, SCOs and SROs for one incident (cJSON). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "export.h"
#include "ioc.h"
#include "stix2.h"
#include "timing.h"
#include "utf8.h"
#include "uuid.h"

/* TLP 2.0 marking definitions published by OASIS (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0), indexed by enum rg_tlp. */
#define STIX2_TLP_EXTENSION "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
static const char *const stix2_tlp_ids[] = {
        NULL,
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};
/* The Incident Core Extension (cti-stix-common-objects, extension-definition-specifications/
 * incident-ef7, version 2.0.0). */
#define STIX2_INCIDENT_EXTENSION "extension-definition--ef765651-680c-498d-9894-99799f2fa126"
static const char *const stix2_tlp_names[] = {
        NULL, "TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED",
};

static const char *stix2_address(struct stix2 *st, const char *written);

/* Fact values may be written defanged: refanged like other addresses (and withheld alike). */
static void stix2_pairs(struct stix2 *st, struct stix2_text *t, const struct rg_pairs *p)
{
	for (size_t i = 0; i < p->n; i++)
		stix2_kv(t, p->v[i].key.s, stix2_address(st, p->v[i].value.s));
}

/* ------------------------------------------------------------------ */
/* Identity, report, incident, notes                                   */
/* ------------------------------------------------------------------ */

static void stix2_identity(struct stix2 *st)
{
	const struct rg_report *r = &st->doc->report;
	const char *name = r->organization.s, *cls = "organization";
	if (name == NULL || *name == '\0') {
		name = r->author.s;
		cls = "individual";
	}
	if (name == NULL || *name == '\0') {
		name = "Unknown";
		cls = "unknown";
	}
	cJSON *o = stix2_sdo_new(st, "identity", name);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "identity_class", cls);
	st->identity = stix2_add(st, o, r->tlp);
}

/* True for an absolute URI with a scheme, as STIX url properties require. */
static bool stix2_is_uri(const char *s)
{
	if (s == NULL || !isalpha((unsigned char)*s))
		return false;
	const char *p = s + 1;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':')
		return false;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>\"{}|\\^`", *p))
			return false;
	return true;
}

static cJSON *stix2_extref(const char *source, const char *id, const char *url, const char *desc)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "source_name", source);
	stix2_str(r, "external_id", id);
	if (stix2_is_uri(url))
		cJSON_AddStringToObject(r, "url", url);
	stix2_str(r, "description", desc);
	if (r->child->next == NULL) /* a source name alone is not a reference */
		cJSON_AddStringToObject(r, "description", source);
	return r;
}

/* "Verdict: ..." (with its note) and "Severity: ..." lines: the report repeats what the
 * incident's extension says, for consumers that read only the report (MISP's event). */
static void stix2_verdict_lines(struct stix2 *st, struct stix2_text *t)
{
	const struct rg_report *r = &st->doc->report;
	const char *v = r->verdict ? rg_verdict_names[r->verdict] : NULL;
	if (v != NULL && r->verdict_note.s != NULL)
		v = rg_arena_printf(st->arena, "%s (%s)", v, r->verdict_note.s);
	else if (v == NULL && r->verdict_note.s != NULL)
		v = rg_arena_printf(st->arena, "unstated (%s)", r->verdict_note.s);
	struct stix2_text lines = {st->arena, NULL, 0, 0};
	stix2_kv(&lines, "Verdict", v);
	stix2_kv(&lines, "Severity", r->severity ? rg_level_names[r->severity] : NULL);
	stix2_cat(t, lines.s, false);
}

/* labels: "verdict:V" and "severity:S" (as tags for platforms that import labels as tags),
 * then the report's tags. */
static void stix2_verdict_labels(struct stix2 *st, cJSON *o, const struct rg_texts *tags)
{
	const struct rg_report *r = &st->doc->report;
	cJSON *labels = cJSON_CreateArray();
	if (r->verdict)
		stix2_push_str(labels, rg_arena_printf(st->arena, "verdict:%s",
		                                       rg_verdict_names[r->verdict]));
	if (r->severity)
		stix2_push_str(labels, rg_arena_printf(st->arena, "severity:%s",
		                                       rg_level_names[r->severity]));
	for (size_t i = 0; i < tags->n; i++)
		if (tags->v[i].s && *tags->v[i].s)
			stix2_push_str(labels, tags->v[i].s);
	if (cJSON_GetArraySize(labels) > 0)
		cJSON_AddItemToObject(o, "labels", labels);
	else
		cJSON_Delete(labels);
}

/* The report's revision and the files it was made from, as external references (a hash is
 * what an external reference may carry), after `refs` (created when NULL; NULL when there
 * are none). Attachments carry their hashes on their own file objects. */
static cJSON *stix2_trail_refs(struct stix2 *st, cJSON *refs)
{
	const struct rg_report *r = &st->doc->report;
	if (r->revision.s != NULL && r->revision.s[0] != '\0') {
		if (refs == NULL)
			refs = cJSON_CreateArray();
		cJSON *ref = cJSON_CreateObject();
		cJSON_AddStringToObject(ref, "source_name", "report-revision");
		cJSON_AddStringToObject(ref, "description",
		                        rg_arena_printf(st->arena, "revision %s of %s",
		                                        r->revision.s, st->revised));
		cJSON_AddStringToObject(ref, "external_id", r->revision.s);
		cJSON_AddItemToArray(refs, ref);
	}
	struct evidence_file *fs;
	size_t n = evidence_files(st->arena, st->doc, &fs);
	for (size_t i = 0; i < n; i++) {
		if (fs[i].kind == EVIDENCE_ATTACHMENT)
			continue;
		if (refs == NULL)
			refs = cJSON_CreateArray();
		cJSON *ref = cJSON_CreateObject();
		cJSON_AddStringToObject(ref, "source_name",
		                        fs[i].kind == EVIDENCE_INCIDENT ? "incident-file"
		                                                        : "evidence-file");
		cJSON_AddStringToObject(ref, "description",
		                        rg_arena_printf(st->arena, "%s (%s)", fs[i].name,
		                                        evidence_kind_names[fs[i].kind]));
		cJSON_AddStringToObject(cJSON_AddObjectToObject(ref, "hashes"), "SHA-256",
		                        fs[i].sha256);
		cJSON_AddItemToArray(refs, ref);
	}
	return refs;
}

static cJSON *stix2_report(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	const char *title = stix2_nz(d->report.title.s) ? d->report.title.s : "Incident Report";
	cJSON *o = stix2_sdo_new(st, "report", "");
	stix2_revised(st, o);
	cJSON_AddStringToObject(o, "name",
	                        stix2_nz(d->report.id.s)
	                                ? rg_arena_printf(st->arena, "%s %s", title, d->report.id.s)
	                                : title);
	bool summary = d->report.summary_line.s == NULL && d->summary.s != NULL &&
	               export_text_mode(st->opts) != RG_EXPORT_TEXT_NONE;
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, summary ? stix2_plain(st, d->summary.s) : d->report.summary_line.s, false);
	stix2_verdict_lines(st, &t);
	stix2_str(o, "description", t.s);
	cJSON_AddItemToObject(o, "report_types", cJSON_CreateArray());
	const char *pub = stix2_ts(st, &d->report.date);
	cJSON_AddStringToObject(o, "published", pub ? pub : st->stamp);
	stix2_verdict_labels(st, o, &d->report.tags);
	cJSON *refs = NULL;
	for (size_t i = 0; i < d->nreferences; i++) {
		const struct rg_reference *ref = &d->references[i];
		if (refs == NULL)
			refs = cJSON_CreateArray();
		const char *url = ref->url.s ? ioc_refang(st->arena, ref->url.s) : NULL;
		const char *comment = stix2_plain(st, ref->comment.s);
		if (url != NULL && !stix2_is_uri(url))
			comment =
			        comment ? rg_arena_printf(st->arena, "%s\n%s", url, comment) : url;
		const char *rtitle = stix2_nz(ref->title.s) ? ref->title.s : "reference";
		cJSON_AddItemToArray(refs, stix2_extref(rtitle, NULL, url, comment));
	}
	refs = stix2_trail_refs(st, refs);
	if (refs != NULL)
		cJSON_AddItemToObject(o, "external_references", refs);
	stix2_add(st, o,
	          summary ? export_stricter(d->report.tlp, export_mark(d, &d->summary_mark))
	                  : d->report.tlp);
	return o;
}

/* The Incident Core Extension's determination (incident-determination-enum). */
static const char *stix2_determination(const struct rg_doc *d)
{
	switch (d->report.verdict) {
	case RG_VERDICT_FALSE_POSITIVE:
	case RG_VERDICT_BENIGN: /* the extension: "if it is determined to be benign it is
	                         * considered a false-positive" */
		return "false-positive";
	case RG_VERDICT_TRUE_POSITIVE:
		for (size_t i = 0; i < d->nassets; i++)
			if (d->assets[i].status >= RG_ASTATUS_COMPROMISED)
				return "confirmed";
		if (d->alert.present && (d->alert.device_action == RG_ACTION_BLOCKED ||
		                         d->alert.device_action == RG_ACTION_QUARANTINED))
			return "blocked"; /* stopped by the control, nothing compromised */
		return "confirmed";
	default:
		return "suspected";
	}
}

/* criticality on 0..100: the extension's Appendix A, five-level scale (Low 15, Moderate 40,
 * High 70, Extreme 95); informational and no-attack verdicts 0; -1 when unstated. */
static int stix2_criticality(const struct rg_doc *d)
{
	static const int scale[] = {
	        [RG_LEVEL_INFORMATIONAL] = 0, [RG_LEVEL_LOW] = 15,      [RG_LEVEL_MEDIUM] = 40,
	        [RG_LEVEL_HIGH] = 70,         [RG_LEVEL_CRITICAL] = 95,
	};
	if (export_no_attack(d))
		return 0;
	enum rg_severity_level lv = d->report.severity;
	return lv > RG_LEVEL_NONE && lv <= RG_LEVEL_CRITICAL ? scale[lv] : -1;
}

/* The OASIS Incident Core Extension (property extension, v2.0.0): determination,
 * investigation status, criticality, incident types and detection methods. */
static void stix2_incident_core(struct stix2 *st, cJSON *o)
{
	const struct rg_doc *d = st->doc;
	cJSON *x = cJSON_AddObjectToObject(cJSON_AddObjectToObject(o, "extensions"),
	                                   STIX2_INCIDENT_EXTENSION);
	cJSON_AddStringToObject(x, "extension_type", "property-extension");
	int crit = stix2_criticality(d);
	if (crit >= 0)
		cJSON_AddNumberToObject(x, "criticality", crit);
	if (d->alert.present)
		stix2_push_str(cJSON_AddArrayToObject(x, "detection_methods"), "automated-tool");
	cJSON_AddStringToObject(x, "determination", stix2_determination(d));
	bool host = false, account = false;
	for (size_t i = 0; i < d->nassets && !export_no_attack(d); i++) {
		if (d->assets[i].status < RG_ASTATUS_COMPROMISED)
			continue;
		account |= d->assets[i].kind == RG_KIND_ACCOUNT;
		host |= d->assets[i].kind != RG_KIND_ACCOUNT;
	}
	if (host || account) {
		cJSON *types = cJSON_AddArrayToObject(x, "incident_types");
		if (host)
			stix2_push_str(types, "compromised-system");
		if (account)
			stix2_push_str(types, "unauthorized-access");
	}
	/* incident-investigation-ov: new, open, closed */
	enum rg_status s = d->report.status;
	cJSON_AddStringToObject(x, "investigation_status",
	                        s == RG_STATUS_NONE     ? "new"
	                        : s == RG_STATUS_CLOSED ? "closed"
	                                                : "open");
}

static void stix2_incident(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	const struct rg_report *r = &d->report;
	const char *name = r->summary_line.s;
	if (name == NULL || *name == '\0')
		name = d->alert.present ? d->alert.rule.s : NULL;
	if (name == NULL || *name == '\0')
		name = stix2_nz(r->title.s) ? r->title.s : "Incident";
	cJSON *o = stix2_sdo_new(st, "incident", "");
	stix2_revised(st, o);
	cJSON_AddStringToObject(o, "name", name);
	struct stix2_text t = {st->arena, NULL, 0, 0};
	bool summary = export_text_mode(st->opts) != RG_EXPORT_TEXT_NONE && d->summary.s != NULL;
	if (summary)
		stix2_cat(&t, stix2_plain(st, d->summary.s), false);
	if (t.s == NULL && r->summary_line.s)
		stix2_cat(&t, r->summary_line.s, false);
	stix2_cat(&t,
	          r->verdict_note.s
	                  ? rg_arena_printf(st->arena, "Verdict: %s (%s)",
	                                    r->verdict ? rg_verdict_names[r->verdict] : "unstated",
	                                    r->verdict_note.s)
	                  : NULL,
	          false);
	/* the extension's investigation_status has three words: the report's own status stays
	 * readable (and a status change changes the incident) */
	stix2_kv(&t, "Status", r->status ? rg_status_names[r->status] : NULL);
	stix2_pairs(st, &t, &r->facts);
	stix2_str(o, "description", t.s);
	stix2_texts(o, "labels", &r->tags);
	stix2_incident_core(st, o);
	cJSON *refs = cJSON_AddArrayToObject(o, "external_references");
	const char *src = r->organization.s && *r->organization.s ? r->organization.s : "reportgen";
	cJSON_AddItemToArray(refs, stix2_extref(src, r->id.s, NULL, r->title.s));
	if (r->ticket.s && *r->ticket.s)
		cJSON_AddItemToArray(refs, stix2_extref("ticket", r->ticket.s, NULL, NULL));
	/* the incident's description carries the summary */
	enum rg_tlp tlp = r->tlp;
	if (summary)
		tlp = export_stricter(tlp, export_mark(d, &d->summary_mark));
	bool metrics = stix2_metrics(st, o, &tlp);
	st->incident = stix2_add(st, o, tlp);
	if (metrics)
		stix2_metrics_definition(st);
}

/* An address-like value as exports show it: refanged, or NULL when --max-tlp withholds it. */
static const char *stix2_address(struct stix2 *st, const char *written)
{
	const char *v = written ? ioc_refang(st->arena, written) : NULL;
	return v == NULL || export_is_withheld(&st->withheld, v) ? NULL : v;
}

static void stix2_alert_note(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	const struct rg_alert *al = &d->alert;
	if (!al->present)
		return;
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_kv(&t, "Rule", al->rule.s);
	stix2_kv(&t, "Time", stix2_ts(st, &al->time));
	stix2_kv(&t, "Severity", al->severity ? rg_level_names[al->severity] : NULL);
	stix2_kv(&t, "Type", al->type.s);
	stix2_kv(&t, "Source", stix2_address(st, al->source.s));
	stix2_kv(&t, "Destination", stix2_address(st, al->destination.s));
	stix2_kv(&t, "Subject", al->subject.s);
	stix2_kv(&t, "Trigger reason", al->trigger_reason.s);
	stix2_kv(&t, "Device action",
	         al->device_action ? rg_device_action_names[al->device_action] : NULL);
	for (size_t i = 0; i < al->fields.n; i++)
		stix2_kv(&t, al->fields.v[i].key.s, stix2_address(st, al->fields.v[i].value.s));
	stix2_cat(&t, stix2_plain(st, al->assessment.s), false);
	const char *refs[] = {st->incident, NULL};
	stix2_note(st, "alert", al->rule.s, t.s, refs, export_mark(d, &al->mark));
}

/* A section's text and the titles and text of its text blocks, as a note. */
static void stix2_section_note(struct stix2 *st, const char *key, const char *title,
                               const struct rg_section *s)
{
	if (!s->present)
		return;
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, stix2_plain(st, s->text.s), false);
	for (size_t i = 0; i < s->blocks.n; i++) {
		const struct rg_block *b = &s->blocks.v[i];
		if (b->kind != RG_BLOCK_TEXT)
			continue;
		stix2_cat(&t, b->title.s, false);
		stix2_cat(&t, stix2_plain(st, b->u.text.s), b->title.s != NULL);
	}
	const char *refs[] = {st->incident, NULL};
	stix2_note(st, key, title, t.s, refs, export_section_tlp(st->doc, s));
}

/* The narrative notes, with --export-text all only. */
static void stix2_notes(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	if (export_text_mode(st->opts) != RG_EXPORT_TEXT_ALL)
		return;
	stix2_alert_note(st);
	stix2_section_note(st, "detection", "Detection", &d->detection);
	stix2_section_note(st, "verification", "Verification", &d->verification);
	stix2_section_note(st, "analysis", "Analysis", &d->analysis);
	stix2_section_note(st, "containment", "Containment", &d->containment.s);
	stix2_section_note(st, "eradication", "Eradication", &d->eradication);
	stix2_section_note(st, "recovery", "Recovery", &d->recovery);
	for (size_t i = 0; i < d->nsections; i++)
		stix2_section_note(st, rg_arena_printf(st->arena, "section\n%zu", i),
		                   d->sections[i].title.s, &d->sections[i].s);
	struct stix2_text t = {st->arena, NULL, 0, 0};
	enum rg_tlp tlp = RG_TLP_NONE;
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct rg_event *e =
		        d->timeline_sorted ? d->timeline_sorted[i] : &d->timeline[i];
		tlp = export_stricter(tlp, export_mark(d, &e->mark));
		const char *when = stix2_ts(st, &e->time);
		const char *what = stix2_plain(st, e->event.s);
		stix2_cat(&t,
		          rg_arena_printf(st->arena, "%s%s%s", when ? when : "", when ? " " : "",
		                          what ? what : ""),
		          true);
	}
	const char *refs[] = {st->incident, NULL};
	stix2_note(st, "timeline", "Timeline", t.s, refs, tlp ? tlp : d->report.tlp);
	t = (struct stix2_text){st->arena, NULL, 0, 0};
	tlp = RG_TLP_NONE;
	for (size_t i = 0; i < d->lessons.n; i++) {
		stix2_cat(&t, stix2_plain(st, d->lessons.v[i].s), false);
		if (d->lessons_mark != NULL)
			tlp = export_stricter(tlp, export_mark(d, &d->lessons_mark[i]));
	}
	stix2_note(st, "lessons", "Lessons learned", t.s, refs, tlp ? tlp : d->report.tlp);
}

/* ------------------------------------------------------------------ */
/* Techniques, courses of action, assets                               */
/* ------------------------------------------------------------------ */

static cJSON *stix2_phase(const char *tactic)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "kill_chain_name", "mitre-attack");
	cJSON_AddStringToObject(p, "phase_name", tactic);
	return p;
}

/* Adds the technique's tactic to an attack-pattern already exported for the same id. */
static void stix2_more_phase(cJSON *o, const char *tactic)
{
	cJSON *phases = cJSON_GetObjectItemCaseSensitive(o, "kill_chain_phases"), *p;
	if (tactic == NULL)
		return;
	if (phases == NULL)
		phases = cJSON_AddArrayToObject(o, "kill_chain_phases");
	cJSON_ArrayForEach(
	        p, phases) if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "phase_name")),
	                              tactic) == 0) return;
	cJSON_AddItemToArray(phases, stix2_phase(tactic));
}

/* An ATT&CK technique as reference data: MITRE's own attack-pattern (its id, name, created
 * and modified, no created_by_ref of ours), marked TLP:CLEAR; what this incident says of it
 * (the comment, the technique's own marking) goes on the relationship. A technique the
 * tables do not know keeps a document id and the name as written. */
static cJSON *stix2_attack_pattern(struct stix2 *st, const struct rg_technique *t, const char *tid,
                                   const char *name)
{
	const struct rg_doc *d = st->doc;
	cJSON *o = stix2_sdo_new(st, "attack-pattern", tid ? tid : name);
	if (t->stix_id != NULL) {
		cJSON_ReplaceItemInObjectCaseSensitive(o, "id", cJSON_CreateString(t->stix_id));
		cJSON_DeleteItemFromObjectCaseSensitive(o, "created_by_ref");
		name = t->attack_name ? t->attack_name : name;
	}
	if (t->stix_created != NULL && t->stix_modified != NULL) {
		cJSON_ReplaceItemInObjectCaseSensitive(o, "created",
		                                       cJSON_CreateString(t->stix_created));
		cJSON_ReplaceItemInObjectCaseSensitive(o, "modified",
		                                       cJSON_CreateString(t->stix_modified));
	}
	cJSON_AddStringToObject(o, "name", name);
	if (tid != NULL) {
		cJSON *refs = cJSON_AddArrayToObject(o, "external_references");
		const char *ver = rg_arena_printf(
		        st->arena, "MITRE ATT&CK Enterprise v%s",
		        rg_attack_version(d->attack ? d->attack : rg_attack_bundled()));
		cJSON_AddItemToArray(refs, stix2_extref("mitre-attack", tid, t->url, ver));
	}
	if (t->tactic_short != NULL)
		cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "kill_chain_phases"),
		                     stix2_phase(t->tactic_short));
	return o;
}

static void stix2_techniques(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	st->tech_of = rg_arena_alloc(st->arena, (d->nmitre + 1) * sizeof(*st->tech_of));
	st->techlinks = techlink_index(st->arena, d);
	for (size_t i = 0; i < d->nmitre; i++) {
		const struct rg_technique *t = d->mitre_sorted ? d->mitre_sorted[i] : &d->mitre[i];
		const char *tid = t->id ? t->id : t->technique.s;
		const char *name = t->full_name          ? t->full_name
		                   : stix2_nz(t->name.s) ? t->name.s
		                                         : tid;
		if (stix2_nz(name) == NULL)
			continue;
		cJSON *o = stix2_attack_pattern(st, t, tid, name);
		const char *pid = cJSON_GetStringValue(cJSON_GetObjectItem(o, "id"));
		cJSON *old = stix2_get(st, pid);
		const char *id;
		if (old != NULL) {
			id = st->tech_of[t - d->mitre] = rg_arena_strdup(st->ids, pid);
			stix2_more_phase(old, t->tactic_short);
			cJSON_Delete(o);
		} else {
			id = st->tech_of[t - d->mitre] = stix2_add(st, o, RG_TLP_CLEAR);
		}
		/* a false positive or benign activity asserts no attack: the technique is what
		 * the alert looked for, not something the incident used */
		const char *comment = stix2_plain(st, t->comment.s);
		if (export_no_attack(d))
			stix2_rel_marked(st, "related-to", st->incident, id,
			                 comment ? comment
			                         : "technique the alert looked for; not observed",
			                 export_mark(d, &t->mark));
		else
			stix2_rel_marked(st, "uses", st->incident, id, comment,
			                 export_mark(d, &t->mark));
	}
}

/* The first line of plain text, cut at a space before 120 bytes: an action note's abstract. */
static const char *stix2_headline(struct stix2 *st, const char *plain)
{
	size_t n = strcspn(plain, "\n");
	if (n > 120) {
		size_t cut = 120;
		while (cut > 40 && plain[cut] != ' ')
			cut--;
		if (plain[cut] != ' ') /* no space: back off to a UTF-8 boundary */
			for (cut = 120; cut > 0 && utf8_is_cont((unsigned char)plain[cut]); cut--)
				;
		return rg_arena_printf(st->arena, "%.*s...", (int)cut, plain);
	}
	return rg_arena_strndup(st->arena, plain, n);
}

/* A containment action or remediation item as a note on the incident (and on the asset it
 * acts on): what this incident did or plans, never a course-of-action, which platforms merge
 * by name into their catalogue of mitigations. */
static void stix2_action_note(struct stix2 *st, const char *identity, const char *action,
                              struct stix2_text *details, const char *target, enum rg_tlp tlp)
{
	const char *plain = stix2_plain(st, action);
	if (plain == NULL)
		return;
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, plain, false);
	stix2_cat(&t, details->s, false);
	const char *refs[] = {st->incident, target, NULL};
	stix2_note(st, identity, stix2_headline(st, plain), t.s, refs, tlp);
}

static void stix2_courses(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	for (size_t i = 0; i < d->nremediation; i++) {
		const struct rg_remediation *r = &d->remediation[i];
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_kv(&t, "Phase", "remediation");
		stix2_kv(&t, "Owner", r->owner.s);
		stix2_kv(&t, "Due", stix2_ts(st, &r->due));
		stix2_kv(&t, "Status", r->status ? rg_action_status_names[r->status] : NULL);
		stix2_kv(&t, "Note", r->note.s);
		stix2_action_note(st, rg_arena_printf(st->arena, "remediation\n%zu", i),
		                  r->action.s, &t, NULL, export_mark(d, &r->mark));
	}
	for (size_t i = 0; i < d->containment.nactions; i++) {
		const struct rg_action *a = &d->containment.actions[i];
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_kv(&t, "Phase", "containment");
		stix2_kv(&t, "Target", a->target.s);
		stix2_kv(&t, "Time", stix2_ts(st, &a->time));
		stix2_kv(&t, "By", a->by.s);
		stix2_kv(&t, "Status", a->status ? rg_action_status_names[a->status] : NULL);
		stix2_kv(&t, "Note", a->note.s);
		const struct rg_asset *as = a->target_asset;
		const char *target = as && as >= d->assets && as < d->assets + d->nassets
		                             ? st->assets[as - d->assets]
		                             : NULL;
		stix2_action_note(st, rg_arena_printf(st->arena, "containment\n%zu", i),
		                  a->action.s, &t, target, export_mark(d, &a->mark));
	}
}

/* infrastructure-type-ov of an asset kind: a host is a workstation, a network device
 * routers-switches; servers and cloud resources have no term of their own. */
static const char *stix2_infrastructure_type(enum rg_asset_kind k)
{
	switch (k) {
	case RG_KIND_NONE:
	case RG_KIND_HOST:
		return "workstation";
	case RG_KIND_NETWORK:
		return "routers-switches";
	default:
		return "unknown";
	}
}

/* An asset is the organization's own system or account, never an identity of its own: a
 * host (server, network device, cloud resource) is an infrastructure that consists of its
 * addresses' SCOs; an account is a user-account SCO (account_login = the name, display_name
 * = its primary user), whose details go in a note on it. Either is related to the incident. */
static void stix2_assets(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	st->assets = rg_arena_alloc(st->arena, (d->nassets + 1) * sizeof(*st->assets));
	for (size_t i = 0; i < d->nassets; i++) {
		const struct rg_asset *a = &d->assets[i];
		if (stix2_nz(a->name.s) == NULL)
			continue;
		enum rg_tlp tlp = export_mark(d, &a->mark);
		const char *key = rg_arena_printf(st->arena, "asset\n%s", a->name.s);
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_kv(&t, "Kind", a->kind ? rg_asset_kind_names[a->kind] : NULL);
		for (size_t k = 0; k < a->ip.n; k++)
			stix2_kv(&t, "IP", stix2_address(st, a->ip.v[k].s));
		stix2_kv(&t, "Domain", a->domain.s);
		stix2_kv(&t, "OS", a->os.s);
		stix2_kv(&t, "Bits", a->bits.s);
		stix2_kv(&t, "Role", a->role.s);
		stix2_kv(&t, "Primary user", a->primary_user.s);
		stix2_kv(&t, "Last login", stix2_ts(st, &a->last_login));
		stix2_kv(&t, "Status", a->status ? rg_asset_status_names[a->status] : NULL);
		stix2_pairs(st, &t, &a->facts);
		const char *id;
		if (a->kind == RG_KIND_ACCOUNT) {
			cJSON *c = cJSON_CreateObject();
			cJSON_AddStringToObject(c, "account_login", a->name.s);
			cJSON *o = stix2_sco_new(st, "user-account", c);
			stix2_str(o, "display_name", a->primary_user.s);
			id = stix2_add(st, o, tlp);
			const char *refs[] = {id, NULL};
			stix2_note(st, key, rg_arena_printf(st->arena, "account %s", a->name.s),
			           t.s, refs, tlp);
		} else {
			cJSON *o = stix2_sdo_new(st, "infrastructure", key);
			cJSON_AddStringToObject(o, "name", a->name.s);
			stix2_str(o, "description", t.s);
			stix2_push_str(cJSON_AddArrayToObject(o, "infrastructure_types"),
			               stix2_infrastructure_type(a->kind));
			id = stix2_add(st, o, tlp);
			for (size_t k = 0; k < a->ip.n; k++) {
				const char *v = stix2_address(st, a->ip.v[k].s);
				if (v != NULL && *v != '\0')
					stix2_rel(st, "consists-of", id,
					          stix2_sco_for(st, RG_IOC_IPV4, v, tlp), NULL);
			}
		}
		st->assets[i] = id;
		stix2_rel(st, "related-to", st->incident, id,
		          a->status ? rg_arena_printf(st->arena, "asset of the incident (%s)",
		                                      rg_asset_status_names[a->status])
		                    : "asset of the incident");
	}
}

/* ------------------------------------------------------------------ */
/* Markings, bundle, render                                            */
/* ------------------------------------------------------------------ */

static cJSON *stix2_marking(enum rg_tlp tlp)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "marking-definition");
	cJSON_AddStringToObject(o, "spec_version", "2.1");
	cJSON_AddStringToObject(o, "id", stix2_tlp_ids[tlp]);
	cJSON_AddStringToObject(o, "created", "2022-10-01T00:00:00.000Z");
	cJSON_AddStringToObject(o, "name", stix2_tlp_names[tlp]);
	cJSON *ext = cJSON_AddObjectToObject(cJSON_AddObjectToObject(o, "extensions"),
	                                     STIX2_TLP_EXTENSION);
	cJSON_AddStringToObject(ext, "extension_type", "property-extension");
	cJSON_AddStringToObject(ext, "tlp_2_0", rg_tlp_names[tlp]);
	return o;
}

/* The report's types: "incident", then the report-type-ov words for what it carries. */
static void stix2_report_types(struct stix2 *st, cJSON *report)
{
	static const char *const kinds[] = {"attack-pattern", "indicator", "observed-data",
	                                    "vulnerability"};
	cJSON *types = cJSON_GetObjectItemCaseSensitive(report, "report_types");
	stix2_push_str(types, "incident");
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t len = strlen(kinds[k]);
		for (size_t i = 0; i < st->n; i++) {
			if (strncmp(st->v[i].id, kinds[k], len) == 0 && st->v[i].id[len] == '-') {
				stix2_push_str(types, kinds[k]);
				break;
			}
		}
	}
}

/* The report's object_refs lists every other object: hundreds of thousands of ids for a
 * large incident. Its tree holds this one string instead, and the writer puts the ids in
 * its place (stix2_write_refs), so that the list is never held. The key and its array as
 * cJSON_Print prints them can occur nowhere else: a string's tab would be escaped. */
#define STIX2_REFS_KEY "object_refs"
#define STIX2_REFS_MARK "reportgen-object-refs"
#define STIX2_REFS_PRINTED "\"" STIX2_REFS_KEY "\":\t[\"" STIX2_REFS_MARK "\"]"

/* Adds the report's object_refs (its mark, see above) and report_types; returns which TLP
 * markings the objects use. */
static void stix2_finish_report(struct stix2 *st, cJSON *report, bool used[RG_TLP_RED + 1])
{
	stix2_push_str(cJSON_AddArrayToObject(report, STIX2_REFS_KEY), STIX2_REFS_MARK);
	for (size_t i = 0; i < st->n; i++)
		if (st->v[i].tlp > RG_TLP_NONE && st->v[i].tlp <= RG_TLP_RED)
			used[st->v[i].tlp] = true;
	stix2_report_types(st, report);
}

/* The report's object_refs as cJSON_Print prints an array of strings: the id of every object
 * but the report (object `self`). Ids are made of letters, digits and hyphens, which JSON
 * writes as they are. */
static bool stix2_write_refs(const struct stix2 *st, size_t self, FILE *fp)
{
	bool ok = fputs("\"" STIX2_REFS_KEY "\":\t[", fp) != EOF, first = true;
	for (size_t i = 0; ok && i < st->n; i++) {
		if (i == self)
			continue;
		const char *id = st->v[i].id;
		ok = id[strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-")] == '\0' &&
		     (first || fputs(", ", fp) != EOF) && putc('"', fp) != EOF &&
		     fputs(id, fp) != EOF && putc('"', fp) != EOF;
		first = false;
	}
	return ok && putc(']', fp) != EOF;
}

#define STIX2_OBJ_END "\n\t\t}"

/* Writes the text of one object of the bundle's objects array (stix2_print's) with, for
 * a marked object, its object_marking_refs last, as cJSON_Print would print them in the
 * whole bundle. With `report`, object `self` of st is the report, whose object_refs the
 * writer fills in. */
static bool stix2_write_text(FILE *fp, const char *text, size_t len, enum rg_tlp tlp, bool first,
                             const struct stix2 *report, size_t self)
{
	bool ok = text != NULL && (first || fputs(", ", fp) != EOF);
	size_t end = strlen(STIX2_OBJ_END);
	bool marked = tlp > RG_TLP_NONE && tlp <= RG_TLP_RED;
	if (!ok || len < end || memcmp(text + len - end, STIX2_OBJ_END, end) != 0)
		return false;
	const char *refs = report != NULL ? strstr(text, STIX2_REFS_PRINTED) : NULL;
	if (report != NULL && refs == NULL)
		return false;
	if (refs != NULL) {
		size_t k = (size_t)(refs - text);
		ok = fwrite(text, 1, k, fp) == k && stix2_write_refs(report, self, fp);
		k += strlen(STIX2_REFS_PRINTED);
		text += k;
		len -= k;
	}
	if (marked)
		len -= end;
	ok = ok && fwrite(text, 1, len, fp) == len;
	if (ok && marked)
		ok = fprintf(fp, ",\n\t\t\t\"object_marking_refs\":\t[\"%s\"]" STIX2_OBJ_END,
		             stix2_tlp_ids[tlp]) > 0;
	return ok;
}

/* The same for a tree, which it frees. */
static bool stix2_write_obj(FILE *fp, cJSON *o, enum rg_tlp tlp, bool first,
                            const struct stix2 *report, size_t self)
{
	size_t len;
	char *text = stix2_print(o, &len);
	cJSON_Delete(o);
	bool ok = stix2_write_text(fp, text, len, tlp, first, report, self);
	free(text);
	return ok;
}

/* Writes the bundle: the TLP marking definitions in use first, then the objects in creation
 * order, each with its object_marking_refs. Each object is written in turn from its text
 * (or printed and freed), so the text of the whole bundle is never held in memory; the
 * bytes are those cJSON_Print gives for the whole tree. */
static bool stix2_write(struct stix2 *st, cJSON *report, FILE *fp)
{
	bool used[RG_TLP_RED + 1] = {false}, first = true, ok;
	stix2_finish_report(st, report, used);
	if (st->spill != NULL &&
	    (fflush(st->spill) != 0 || ferror(st->spill) || fseeko(st->spill, 0, SEEK_SET) != 0))
		return false;
	cJSON *bid = cJSON_CreateString(stix2_sdo_id(st, "bundle", ""));
	char *id = cJSON_PrintUnformatted(bid);
	cJSON_Delete(bid);
	ok = id != NULL &&
	     fprintf(fp, "{\n\t\"type\":\t\"bundle\",\n\t\"id\":\t%s,\n\t\"objects\":\t[", id) > 0;
	cJSON_free(id);
	for (int t = RG_TLP_CLEAR; ok && t <= RG_TLP_RED; t++) {
		if (!used[t])
			continue;
		ok = stix2_write_obj(fp, stix2_marking((enum rg_tlp)t), RG_TLP_NONE, first, NULL,
		                     0);
		first = false;
	}
	char *buf = NULL;
	size_t cap = 0;
	for (size_t i = 0; ok && i < st->n; i++) {
		struct stix2_obj *o = &st->v[i];
		if (o->json != NULL) {
			ok = stix2_write_obj(fp, o->json, o->tlp, first,
			                     o->json == report ? st : NULL, i);
			o->json = NULL;
		} else {
			ok = stix2_write_text(fp, stix2_text(st, o, &buf, &cap), o->len, o->tlp,
			                      first, NULL, 0);
			stix2_spill_done(st, o->at);
			free(o->packed);
			o->packed = NULL;
		}
		first = false;
	}
	free(buf);
	return ok && fputs("]\n}\n", fp) != EOF && fflush(fp) != EOF;
}

/* Builds every object of the document into the registry; returns the report object. */
static cJSON *stix2_build(struct stix2 *st)
{
	stix2_identity(st);
	cJSON *report = stix2_report(st);
	stix2_incident(st);
	stix2_notes(st);
	stix2_techniques(st);
	stix2_observables(st);
	stix2_assets(st);
	stix2_courses(st);
	return report;
}

#define STIX2_SPILL_BUFFER (64 * 1024)

static void *stix2_malloc(size_t n)
{
	return rg_xmalloc(n);
}

static int stix2_render(const struct rg_doc *doc, const struct rg_render_opts *opts, FILE *fp)
{
	/* cJSON allocates through the one allocation wrapper: out of memory exits 3. */
	cJSON_Hooks hooks = {stix2_malloc, free};
	cJSON_InitHooks(&hooks);
	struct stix2 st = {.doc = doc,
	                   .opts = opts,
	                   .arena = rg_arena_new(),
	                   .ids = rg_arena_new(),
	                   .spill = tmpfile()};
	char *spill_buf = NULL;
	if (st.spill != NULL) { /* fewer, larger writes than the default 4 KiB */
		spill_buf = rg_xmalloc(STIX2_SPILL_BUFFER);
		setvbuf(st.spill, spill_buf, _IOFBF, STIX2_SPILL_BUFFER);
	}
	st.stamp = export_utc(st.arena, export_created(doc, opts), 0, true);
	st.revised = export_utc(st.arena, export_revised(doc, opts), 0, true);
	st.withheld = export_withheld_new(st.arena, doc, opts);
	st.seen = export_seen_new(st.arena, doc);
	int rc = 0;
	uint64_t t0 = timing_start();
	cJSON *report = stix2_build(&st);
	timing_end("stix2-build", t0);
	t0 = timing_start();
	bool ok = stix2_write(&st, report, fp);
	timing_end("stix2-write", t0);
	if (!ok) {
		if (opts->diags != NULL)
			rg_diag(opts->diags, doc->file, (struct rg_pos){0, 0}, RG_F_IO, "",
			        "cannot write the STIX 2.1 bundle: %s", strerror(errno));
		rc = 3;
	}
	for (size_t i = 0; i < st.n; i++) {
		cJSON_Delete(st.v[i].json);
		free(st.v[i].packed);
	}
	free(st.v);
	free(st.slots);
	export_seen_free(st.seen);
	rg_arena_free(st.arena);
	rg_arena_free(st.ids);
	if (st.spill != NULL)
		fclose(st.spill);
	free(spill_buf);
	return rc;
}

const struct rg_format format_stix2 = {"stix2",      ".stix.json", true, false,
                                       stix2_render, false,        NULL, NULL};

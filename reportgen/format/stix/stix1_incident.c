/* stix1_incident.c: the STIX 1.2.1 Incident: times, parties, assets, status, relations, courses of
 * action. */
#include <string.h>
#include <strings.h>

#include "export.h"
#include "ioc.h"
#include "metrics.h"
#include "stix1.h"

static void incident_time(struct stix1 *s1, xmlNodePtr *time, xmlNodePtr inc, const char *name,
                          const struct rg_time *t)
{
	const char *v = export_time(s1->arena, t, false);
	if (v == NULL)
		return;
	if (*time == NULL)
		*time = stix1_el(s1, inc, S1_INCIDENT, "Time");
	xmlNodePtr n = stix1_text(s1, *time, S1_INCIDENT, name, v);
	stix1_attr(s1, n, "precision", export_time_precision(t));
}

static bool incident_present(const struct rg_time *t)
{
	return t->prec != RG_TIME_ABSENT && t->prec != RG_TIME_UNKNOWN;
}

/* First malicious action: the earliest first_seen of an exported malicious artifact. */
static const struct rg_time *incident_first_malicious(struct stix1 *s1)
{
	const struct rg_time *best = NULL;
	for (size_t i = 0; i < s1->doc->nartifacts; i++) {
		const struct rg_artifact *a = &s1->doc->artifacts[i];
		if (s1->arts[i].kept && a->disposition == RG_DISP_MALICIOUS &&
		    incident_present(&a->first_seen) &&
		    (best == NULL || a->first_seen.utc < best->utc))
			best = &a->first_seen;
	}
	return best;
}

/* The Time children, in the schema's order, from the milestones (model/metrics.c); without a
 * first-activity milestone, the first malicious action is the earliest first_seen of an
 * exported malicious artifact, and without a reported one, the report's date is when the
 * incident was reported. */
static void incident_times(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_doc *doc = s1->doc;
	struct metrics m;
	metrics_compute(doc, &m);
	static const struct {
		enum rg_milestone ms;
		const char *name;
	} map[] = {
	        {RG_MS_FIRST_ACTIVITY, "First_Malicious_Action"},
	        {RG_MS_COMPROMISE, "Initial_Compromise"},
	        {RG_MS_DETECTED, "Incident_Discovery"},
	        {RG_MS_CONTAINED, "Containment_Achieved"},
	        {RG_MS_RECOVERED, "Restoration_Achieved"},
	        {RG_MS_REPORTED, "Incident_Reported"},
	        {RG_MS_CLOSED, "Incident_Closed"},
	};
	xmlNodePtr time = NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const struct rg_time *t = m.ms[map[i].ms].time;
		if (t == NULL && map[i].ms == RG_MS_FIRST_ACTIVITY)
			t = incident_first_malicious(s1);
		if (t == NULL && map[i].ms == RG_MS_REPORTED)
			t = &doc->report.date;
		if (t != NULL)
			incident_time(s1, &time, inc, map[i].name, t);
	}
}

/* IncidentCategoryVocab-1.0 term for a few common alert types; other types are kept as
 * written, without a vocabulary. */
static void incident_categories(struct stix1 *s1, xmlNodePtr inc)
{
	const char *type = s1->doc->alert.present ? s1->doc->alert.type.s : NULL;
	if (type == NULL || type[0] == '\0')
		return;
	static const char *const map[][2] = {
	        {"malware", "Malicious Code"},
	        {"ransomware", "Malicious Code"},
	        {"virus", "Malicious Code"},
	        {"dos", "Denial of Service"},
	        {"ddos", "Denial of Service"},
	        {"scan", "Scans/Probes/Attempted Access"},
	        {"bruteforce", "Scans/Probes/Attempted Access"},
	        {"brute force", "Scans/Probes/Attempted Access"},
	        {"unauthorized access", "Unauthorized Access"},
	        {"improper usage", "Improper Usage"},
	};
	const char *term = NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]) && term == NULL; i++)
		if (strcasecmp(type, map[i][0]) == 0)
			term = map[i][1];
	xmlNodePtr c = stix1_el(s1, inc, S1_INCIDENT, "Categories");
	stix1_vocab(s1, c, S1_INCIDENT, "Category",
	            term ? "stixVocabs:IncidentCategoryVocab-1.0" : NULL, term ? term : type);
}

static void incident_parties(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_report *r = &s1->doc->report;
	if (r->author.s && r->author.s[0]) {
		xmlNodePtr id = stix1_el(s1, stix1_el(s1, inc, S1_INCIDENT, "Reporter"), S1_COMMON,
		                         "Identity");
		stix1_text(s1, id, S1_COMMON, "Name", r->author.s);
	}
	if (r->organization.s && r->organization.s[0])
		stix1_text(s1, stix1_el(s1, inc, S1_INCIDENT, "Victim"), S1_COMMON, "Name",
		           r->organization.s);
}

/* AssetTypeVocab-1.0 term of an asset kind, or NULL (then the kind is written as is). */
static const char *incident_asset_type(enum rg_asset_kind k)
{
	switch (k) {
	case RG_KIND_HOST:
	case RG_KIND_NONE:
		return "User Device";
	case RG_KIND_SERVER:
		return "Server";
	case RG_KIND_NETWORK:
		return "Network";
	default:
		return NULL;
	}
}

static const char *incident_line(struct stix1 *s1, const char *acc, const char *label,
                                 const char *v)
{
	if (v == NULL || v[0] == '\0')
		return acc;
	return acc ? rg_arena_printf(s1->arena, "%s\n%s: %s", acc, label, v)
	           : rg_arena_printf(s1->arena, "%s: %s", label, v);
}

static const char *incident_asset_text(struct stix1 *s1, const struct rg_asset *as)
{
	const char *d = incident_line(s1, NULL, "Name", as->name.s);
	d = incident_line(s1, d, "Kind", rg_asset_kind_names[as->kind ? as->kind : RG_KIND_HOST]);
	d = incident_line(s1, d, "Domain", as->domain.s);
	d = incident_line(s1, d, "Operating system", as->os.s);
	if (as->bits.s)
		d = incident_line(s1, d, "Architecture",
		                  rg_arena_printf(s1->arena, "%s-bit", as->bits.s));
	d = incident_line(s1, d, "Primary user", as->primary_user.s);
	d = incident_line(s1, d, "Last login", export_time(s1->arena, &as->last_login, false));
	d = incident_line(s1, d, "Status", as->status ? rg_asset_status_names[as->status] : NULL);
	for (size_t i = 0; i < as->facts.n; i++)
		d = incident_line(s1, d, as->facts.v[i].key.s ? as->facts.v[i].key.s : "",
		                  as->facts.v[i].value.s);
	return d;
}

static void incident_assets(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_doc *doc = s1->doc;
	if (doc->nassets == 0)
		return;
	xmlNodePtr list = stix1_el(s1, inc, S1_INCIDENT, "Affected_Assets");
	for (size_t i = 0; i < doc->nassets; i++) {
		const struct rg_asset *as = &doc->assets[i];
		xmlNodePtr a = stix1_el(s1, list, S1_INCIDENT, "Affected_Asset");
		const char *term = incident_asset_type(as->kind);
		/* incident:Type (AssetTypeType) admits no vocabulary xsi:type: name it instead */
		xmlNodePtr type = stix1_text(s1, a, S1_INCIDENT, "Type",
		                             term ? term : rg_asset_kind_names[as->kind]);
		if (term != NULL) {
			stix1_attr(s1, type, "vocab_name", "AssetTypeVocab-1.0");
			stix1_attr(s1, type, "vocab_reference",
			           "http://stixproject.github.io/data-model/1.2/stixVocabs/"
			           "AssetTypeVocab-1.0/");
		}
		stix1_text(s1, a, S1_INCIDENT, "Description", incident_asset_text(s1, as));
		stix1_text(s1, a, S1_INCIDENT, "Business_Function_Or_Role", as->role.s);
		stix1_asset_observables(s1, a, as);
	}
}

/* report.severity as ImpactQualificationVocab-1.0 (informational = Insignificant ...
 * critical = Catastrophic). */
static void incident_impact(struct stix1 *s1, xmlNodePtr inc)
{
	static const char *const terms[] = {
	        [RG_LEVEL_INFORMATIONAL] = "Insignificant",
	        [RG_LEVEL_LOW] = "Distracting",
	        [RG_LEVEL_MEDIUM] = "Painful",
	        [RG_LEVEL_HIGH] = "Damaging",
	        [RG_LEVEL_CRITICAL] = "Catastrophic",
	};
	enum rg_severity_level lv = s1->doc->report.severity;
	if (lv <= RG_LEVEL_NONE || lv > RG_LEVEL_CRITICAL)
		return;
	xmlNodePtr ia = stix1_el(s1, inc, S1_INCIDENT, "Impact_Assessment");
	stix1_vocab(s1, ia, S1_INCIDENT, "Impact_Qualification",
	            "stixVocabs:ImpactQualificationVocab-1.0", terms[lv]);
}

/* IncidentStatusVocab-1.0 has no eradication: eradicated reports Containment Achieved. */
static const char *incident_status(enum rg_status st)
{
	switch (st) {
	case RG_STATUS_OPEN:
	case RG_STATUS_INVESTIGATING:
		return "Open";
	case RG_STATUS_CONTAINED:
	case RG_STATUS_ERADICATED:
		return "Containment Achieved";
	case RG_STATUS_RECOVERED:
		return "Restoration Achieved";
	case RG_STATUS_CLOSED:
		return "Closed";
	default:
		return NULL;
	}
}

/* A relation list entry: <Item><Relationship/><stixCommon:Elem idref/></Item>. */
static void incident_ref(struct stix1 *s1, xmlNodePtr *list, xmlNodePtr inc, const char *list_name,
                         const char *item, const char *elem, const char *relationship,
                         const char *idref)
{
	if (*list == NULL)
		*list = stix1_el(s1, inc, S1_INCIDENT, list_name);
	xmlNodePtr it = stix1_el(s1, *list, S1_INCIDENT, item);
	stix1_text(s1, it, S1_COMMON, "Relationship", relationship);
	stix1_attr(s1, stix1_el(s1, it, S1_COMMON, elem), "idref", idref);
}

static void incident_relations(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_doc *doc = s1->doc;
	xmlNodePtr inds = NULL, obs = NULL;
	for (size_t i = 0; i < doc->nartifacts; i++)
		if (s1->arts[i].kept && s1->arts[i].indicator)
			incident_ref(s1, &inds, inc, "Related_Indicators", "Related_Indicator",
			             "Indicator",
			             rg_disposition_names[doc->artifacts[i].disposition],
			             s1->arts[i].indicator);
	for (size_t i = 0; i < doc->nemails; i++)
		if (doc->emails[i].verdict == RG_DISP_MALICIOUS ||
		    doc->emails[i].verdict == RG_DISP_SUSPICIOUS)
			incident_ref(s1, &inds, inc, "Related_Indicators", "Related_Indicator",
			             "Indicator", rg_disposition_names[doc->emails[i].verdict],
			             stix1_id(s1, "Indicator",
			                      rg_arena_printf(s1->arena, "email\n%zu", i)));
	for (size_t i = 0; i < doc->nartifacts; i++)
		if (s1->arts[i].kept && s1->arts[i].observable && !s1->arts[i].shares)
			incident_ref(s1, &obs, inc, "Related_Observables", "Related_Observable",
			             "Observable",
			             doc->artifacts[i].disposition
			                     ? rg_disposition_names[doc->artifacts[i].disposition]
			                     : NULL,
			             s1->arts[i].observable);
	for (size_t i = 0; i < doc->nemails; i++)
		incident_ref(s1, &obs, inc, "Related_Observables", "Related_Observable",
		             "Observable", "email", s1->email_obs[i]);
	for (size_t i = 0; i < s1->nextra; i++)
		incident_ref(s1, &obs, inc, "Related_Observables", "Related_Observable",
		             "Observable", NULL, s1->extra_obs[i]);
	/* a false positive or benign activity asserts no technique */
	if (!export_no_attack(doc))
		stix1_leveraged_ttps(s1, inc);
}

static void incident_compromise(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_doc *doc = s1->doc;
	const char *v = NULL;
	for (size_t i = 0; i < doc->nassets; i++) {
		enum rg_asset_status st = doc->assets[i].status;
		if (st == RG_ASTATUS_COMPROMISED || st == RG_ASTATUS_CONTAINED ||
		    st == RG_ASTATUS_RECOVERED)
			v = "Yes";
		else if (st == RG_ASTATUS_SUSPECTED && v == NULL)
			v = "Suspected";
	}
	if (v == NULL && (doc->report.verdict == RG_VERDICT_FALSE_POSITIVE ||
	                  doc->report.verdict == RG_VERDICT_BENIGN))
		v = "No";
	stix1_vocab(s1, inc, S1_INCIDENT, "Security_Compromise",
	            "stixVocabs:SecurityCompromiseVocab-1.0", v);
}

/* COA_Requested (taken == false) or COA_Taken for one course of action. */
static void incident_coa(struct stix1 *s1, xmlNodePtr inc, bool taken, const char *id,
                         const struct rg_time *t, const char *by)
{
	xmlNodePtr c = stix1_el(s1, inc, S1_INCIDENT, taken ? "COA_Taken" : "COA_Requested");
	const char *v = export_time(s1->arena, t, false);
	if (v != NULL) {
		xmlNodePtr start = stix1_text(s1, stix1_el(s1, c, S1_INCIDENT, "Time"), S1_INCIDENT,
		                              "Start", v);
		stix1_attr(s1, start, "precision", export_time_precision(t));
	}
	if (by != NULL && by[0] != '\0') {
		xmlNodePtr who = stix1_el(s1, stix1_el(s1, c, S1_INCIDENT, "Contributors"),
		                          S1_INCIDENT, "Contributor");
		stix1_text(s1, who, S1_CYBOXCOMMON, "Name", by);
	}
	stix1_attr(s1, stix1_el(s1, c, S1_INCIDENT, "Course_Of_Action"), "idref", id);
}

static bool incident_carried_out(enum rg_action_status st)
{
	return st == RG_ASTAT_DONE || st == RG_ASTAT_IN_PROGRESS || st == RG_ASTAT_FAILED;
}

/* Requested courses first (the schema's order), then those taken. Containment actions
 * without a status count as taken; remediation items without one as requested. */
static void incident_courses(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_doc *doc = s1->doc;
	for (int pass = 0; pass < 2; pass++) {
		bool taken = pass == 1;
		for (size_t i = 0; i < doc->containment.nactions; i++) {
			const struct rg_action *a = &doc->containment.actions[i];
			bool t = a->status == RG_ASTAT_NONE || incident_carried_out(a->status);
			if (t == taken && a->status != RG_ASTAT_NOT_NEEDED)
				incident_coa(s1, inc, taken, stix1_coa_id(s1, "containment", i),
				             &a->time, a->by.s);
		}
		for (size_t i = 0; i < doc->nremediation; i++) {
			const struct rg_remediation *r = &doc->remediation[i];
			if (incident_carried_out(r->status) == taken &&
			    r->status != RG_ASTAT_NOT_NEEDED)
				incident_coa(s1, inc, taken, stix1_coa_id(s1, "remediation", i),
				             &r->due, r->owner.s);
		}
	}
}

/* The timeline as journal entries, in display order. */
static void incident_history(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_doc *doc = s1->doc;
	xmlNodePtr hist = NULL;
	for (size_t i = 0; export_text_mode(s1->opts) == RG_EXPORT_TEXT_ALL && i < doc->ntimeline;
	     i++) {
		const struct rg_event *ev =
		        doc->timeline_sorted ? doc->timeline_sorted[i] : &doc->timeline[i];
		stix1_scratch_begin(s1);
		const char *text = export_plain(s1->arena, ev->event.s);
		if (text == NULL) {
			stix1_scratch_end(s1);
			continue;
		}
		if (ev->asset.s != NULL && ev->asset.s[0] != '\0')
			text = rg_arena_printf(s1->arena, "%s\nAsset: %s", text, ev->asset.s);
		if (ev->source.s != NULL && ev->source.s[0] != '\0')
			text = rg_arena_printf(s1->arena, "%s\nSource: %s", text, ev->source.s);
		if (hist == NULL)
			hist = stix1_el(s1, inc, S1_INCIDENT, "History");
		xmlNodePtr e = stix1_text(s1, stix1_el(s1, hist, S1_INCIDENT, "History_Item"),
		                          S1_INCIDENT, "Journal_Entry", text);
		stix1_attr(s1, e, "time", export_time(s1->arena, &ev->time, false));
		stix1_attr(s1, e, "time_precision", export_time_precision(&ev->time));
		stix1_scratch_end(s1);
	}
}

/* The report's references: one line each in the description, URLs as references. */
static void incident_sources(struct stix1 *s1, xmlNodePtr inc)
{
	const struct rg_doc *doc = s1->doc;
	if (doc->nreferences == 0)
		return;
	const char *desc = NULL;
	const char **urls = rg_arena_alloc(s1->arena, doc->nreferences * sizeof(*urls));
	for (size_t i = 0; i < doc->nreferences; i++) {
		const struct rg_reference *r = &doc->references[i];
		const char *url = r->url.s ? ioc_refang(s1->arena, r->url.s) : NULL;
		if (url != NULL && (url[0] == '\0' || export_is_withheld(&s1->withheld, url)))
			url = NULL;
		urls[i] = url;
		const char *line = r->title.s ? r->title.s : "";
		if (url != NULL)
			line = rg_arena_printf(s1->arena, "%s: %s", line, url);
		const char *comment = export_plain(s1->arena, r->comment.s);
		if (comment != NULL)
			line = rg_arena_printf(s1->arena, "%s (%s)", line, comment);
		desc = desc ? rg_arena_printf(s1->arena, "%s\n%s", desc, line) : line;
	}
	xmlNodePtr src = stix1_el(s1, inc, S1_INCIDENT, "Information_Source");
	stix1_text(s1, src, S1_COMMON, "Description", desc);
	xmlNodePtr refs = NULL;
	for (size_t i = 0; i < doc->nreferences; i++) {
		if (urls[i] == NULL)
			continue;
		if (refs == NULL)
			refs = stix1_el(s1, src, S1_COMMON, "References");
		stix1_text(s1, refs, S1_COMMON, "Reference", urls[i]);
	}
}

void stix1_incident(struct stix1 *s1, xmlNodePtr pkg)
{
	const struct rg_doc *doc = s1->doc;
	const struct rg_report *r = &doc->report;
	xmlNodePtr inc = stix1_el(s1, stix1_el(s1, pkg, S1_STIX, "Incidents"), S1_STIX, "Incident");
	stix1_xsi_type(s1, inc, "incident:IncidentType");
	stix1_attr(s1, inc, "id", stix1_id(s1, "Incident", ""));
	stix1_attr(s1, inc, "timestamp", s1->revised);
	stix1_text(s1, inc, S1_INCIDENT, "Title",
	           r->title.s && r->title.s[0] ? r->title.s : "Incident Report");
	xmlNodePtr ext = stix1_text(s1, inc, S1_INCIDENT, "External_ID", r->id.s);
	stix1_attr(s1, ext, "source", r->organization.s ? r->organization.s : "reportgen");
	stix1_attr(s1, stix1_text(s1, inc, S1_INCIDENT, "External_ID", r->ticket.s), "source",
	           "ticket");
	incident_times(s1, inc);
	if (export_text_mode(s1->opts) != RG_EXPORT_TEXT_NONE)
		stix1_text(s1, inc, S1_INCIDENT, "Description",
		           export_plain(s1->arena, doc->summary.s));
	stix1_text(s1, inc, S1_INCIDENT, "Short_Description", r->summary_line.s);
	incident_categories(s1, inc);
	incident_parties(s1, inc);
	incident_assets(s1, inc);
	incident_impact(s1, inc);
	stix1_vocab(s1, inc, S1_INCIDENT, "Status", "stixVocabs:IncidentStatusVocab-1.0",
	            incident_status(r->status));
	incident_relations(s1, inc);
	incident_compromise(s1, inc);
	incident_courses(s1, inc);
	incident_history(s1, inc);
	incident_sources(s1, inc);
}

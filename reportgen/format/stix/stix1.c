/* stix1.c: the STIX 1 back end (1.2 in MITRE namespaces, or 1.2.1 in OASIS ones): package, header,
 * TTPs, courses of action, incident. */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "stix1.h"
#include "uuid.h"
#include "xmllib.h"

/* The namespaces of each dialect: STIX 1.2.1 / CybOX 2.1.1 (OASIS) and STIX 1.2 / CybOX 2.1
 * (MITRE, what python-stix and MISP read); same prefixes. */
static const struct {
	const char *prefix, *oasis, *mitre;
} stix1_namespaces[S1__MAX] = {
        [S1_XSI] = {"xsi", "http://www.w3.org/2001/XMLSchema-instance",
                    "http://www.w3.org/2001/XMLSchema-instance"},
        [S1_STIX] = {"stix", "http://docs.oasis-open.org/cti/ns/stix/core-1",
                     "http://stix.mitre.org/stix-1"},
        [S1_COMMON] = {"stixCommon", "http://docs.oasis-open.org/cti/ns/stix/common-1",
                       "http://stix.mitre.org/common-1"},
        [S1_VOCABS] = {"stixVocabs", "http://docs.oasis-open.org/cti/ns/stix/vocabularies-1",
                       "http://stix.mitre.org/default_vocabularies-1"},
        [S1_MARKING] = {"marking", "http://docs.oasis-open.org/cti/ns/stix/data-marking-1",
                        "http://data-marking.mitre.org/Marking-1"},
        [S1_TLP] = {"tlpMarking",
                    "http://docs.oasis-open.org/cti/ns/stix/extensions/data-marking/tlp-1",
                    "http://data-marking.mitre.org/extensions/MarkingStructure#TLP-1"},
        [S1_INCIDENT] = {"incident", "http://docs.oasis-open.org/cti/ns/stix/incident-1",
                         "http://stix.mitre.org/Incident-1"},
        [S1_INDICATOR] = {"indicator", "http://docs.oasis-open.org/cti/ns/stix/indicator-1",
                          "http://stix.mitre.org/Indicator-2"},
        [S1_TTP] = {"ttp", "http://docs.oasis-open.org/cti/ns/stix/ttp-1",
                    "http://stix.mitre.org/TTP-1"},
        [S1_COA] = {"coa", "http://docs.oasis-open.org/cti/ns/stix/course-of-action-1",
                    "http://stix.mitre.org/CourseOfAction-1"},
        [S1_ET] = {"et", "http://docs.oasis-open.org/cti/ns/stix/exploit-target-1",
                   "http://stix.mitre.org/ExploitTarget-1"},
        [S1_CYBOX] = {"cybox", "http://docs.oasis-open.org/cti/ns/cybox/core-2",
                      "http://cybox.mitre.org/cybox-2"},
        [S1_CYBOXCOMMON] = {"cyboxCommon", "http://docs.oasis-open.org/cti/ns/cybox/common-2",
                            "http://cybox.mitre.org/common-2"},
        [S1_CYBOXVOCABS] = {"cyboxVocabs", "http://docs.oasis-open.org/cti/ns/cybox/vocabularies-2",
                            "http://cybox.mitre.org/default_vocabularies-2"},
        [S1_DOMAIN] = {"DomainNameObj",
                       "http://docs.oasis-open.org/cti/ns/cybox/objects/domain-name-1",
                       "http://cybox.mitre.org/objects#DomainNameObject-1"},
        [S1_HOSTNAME] = {"HostnameObj",
                         "http://docs.oasis-open.org/cti/ns/cybox/objects/hostname-1",
                         "http://cybox.mitre.org/objects#HostnameObject-1"},
        [S1_URI] = {"URIObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/uri-2",
                    "http://cybox.mitre.org/objects#URIObject-2"},
        [S1_ADDRESS] = {"AddressObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/address-2",
                        "http://cybox.mitre.org/objects#AddressObject-2"},
        [S1_FILE] = {"FileObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/file-2",
                     "http://cybox.mitre.org/objects#FileObject-2"},
        [S1_REGISTRY] = {"WinRegistryKeyObj",
                         "http://docs.oasis-open.org/cti/ns/cybox/objects/win-registry-key-2",
                         "http://cybox.mitre.org/objects#WinRegistryKeyObject-2"},
        [S1_PROCESS] = {"ProcessObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/process-2",
                        "http://cybox.mitre.org/objects#ProcessObject-2"},
        [S1_ACCOUNT] = {"AccountObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/account-2",
                        "http://cybox.mitre.org/objects#AccountObject-2"},
        [S1_USERACCOUNT] = {"UserAccountObj",
                            "http://docs.oasis-open.org/cti/ns/cybox/objects/user-account-2",
                            "http://cybox.mitre.org/objects#UserAccountObject-2"},
        [S1_HTTP] = {"HTTPSessionObj",
                     "http://docs.oasis-open.org/cti/ns/cybox/objects/http-session-2",
                     "http://cybox.mitre.org/objects#HTTPSessionObject-2"},
        [S1_PORT] = {"PortObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/port-2",
                     "http://cybox.mitre.org/objects#PortObject-2"},
        [S1_SOCKET] = {"SocketAddressObj",
                       "http://docs.oasis-open.org/cti/ns/cybox/objects/socket-address-1",
                       "http://cybox.mitre.org/objects#SocketAddressObject-1"},
        [S1_CUSTOM] = {"CustomObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/custom-1",
                       "http://cybox.mitre.org/objects#CustomObject-1"},
        [S1_EMAIL] = {"EmailMessageObj",
                      "http://docs.oasis-open.org/cti/ns/cybox/objects/email-message-2",
                      "http://cybox.mitre.org/objects#EmailMessageObject-2"},
        [S1_REPORTGEN] = {"reportgen", STIX1_ID_NS, STIX1_ID_NS},
};

/* STIX 1.2.1 knows RED, AMBER, GREEN and WHITE: clear is WHITE, amber+strict is AMBER. */
static const char *stix1_tlp_color(enum rg_tlp tlp)
{
	switch (tlp) {
	case RG_TLP_CLEAR:
		return "WHITE";
	case RG_TLP_GREEN:
		return "GREEN";
	case RG_TLP_AMBER:
	case RG_TLP_AMBER_STRICT:
		return "AMBER";
	case RG_TLP_RED:
		return "RED";
	default:
		return NULL;
	}
}

/* One marking:Marking with a TLP structure over `controlled` (an XPath). */
static void stix1_tlp_marking(struct stix1 *s1, xmlNodePtr handling, const char *controlled,
                              enum rg_tlp tlp)
{
	xmlNodePtr m = stix1_el(s1, handling, S1_MARKING, "Marking");
	stix1_text(s1, m, S1_MARKING, "Controlled_Structure", controlled);
	xmlNodePtr ms = stix1_el(s1, m, S1_MARKING, "Marking_Structure");
	stix1_xsi_type(s1, ms, "tlpMarking:TLPMarkingStructureType");
	stix1_attr(s1, ms, "color", stix1_tlp_color(tlp));
}

/* The XPath selecting the objects exported for one artifact (observable, indicator or
 * exploit target), their descendants and attributes. */
static const char *stix1_artifact_xpath(struct stix1 *s1, const struct stix1_art *a)
{
	const char *ids[3] = {a->observable, a->indicator, a->exploit_target};
	char *pred = NULL;
	for (size_t i = 0; i < 3; i++) {
		if (ids[i] == NULL)
			continue;
		pred = pred ? rg_arena_printf(s1->arena, "%s or @id='%s'", pred, ids[i])
		            : rg_arena_printf(s1->arena, "@id='%s'", ids[i]);
	}
	if (pred == NULL)
		return NULL;
	return rg_arena_printf(
	        s1->arena,
	        "//*[%s]/descendant-or-self::node() | //*[%s]/descendant-or-self::node()/@*", pred,
	        pred);
}

/* The package's marking: the report's, or the strictest marking of a portion the package
 * carries outside the artifacts (summary, timeline, assets, emails, actions, techniques)
 * when that is stricter: STIX 1 cannot mark those parts one by one. */
static enum rg_tlp stix1_package_tlp(const struct rg_doc *d)
{
	enum rg_tlp t = d->report.tlp;
	if (d->summary.s != NULL)
		t = export_stricter(t, d->summary_mark.eff);
	for (size_t i = 0; i < d->ntimeline; i++) /* History, with --export-text all */
		t = export_stricter(t, d->timeline[i].mark.eff);
	for (size_t i = 0; i < d->nassets; i++)
		t = export_stricter(t, d->assets[i].mark.eff);
	for (size_t i = 0; i < d->nemails; i++)
		t = export_stricter(t, d->emails[i].mark.eff);
	for (size_t i = 0; i < d->containment.nactions; i++)
		t = export_stricter(t, d->containment.actions[i].mark.eff);
	for (size_t i = 0; i < d->nremediation; i++)
		t = export_stricter(t, d->remediation[i].mark.eff);
	for (size_t i = 0; i < d->nmitre; i++)
		t = export_stricter(t, d->mitre[i].mark.eff);
	return t;
}

/* The package marking, then one marking per artifact whose own TLP is stricter. */
static void stix1_handling(struct stix1 *s1, xmlNodePtr header)
{
	const struct rg_doc *doc = s1->doc;
	enum rg_tlp pkg = stix1_package_tlp(doc);
	bool any = pkg != RG_TLP_NONE;
	for (size_t i = 0; i < doc->nartifacts && !any; i++)
		any = s1->arts[i].kept && s1->arts[i].tlp > pkg;
	if (!any)
		return;
	xmlNodePtr h = stix1_el(s1, header, S1_STIX, "Handling");
	if (pkg != RG_TLP_NONE)
		stix1_tlp_marking(s1, h, "//node() | //@*", pkg);
	for (size_t i = 0; i < doc->nartifacts; i++) {
		if (!s1->arts[i].kept || s1->arts[i].tlp <= pkg)
			continue;
		const char *xpath = stix1_artifact_xpath(s1, &s1->arts[i]);
		if (xpath != NULL)
			stix1_tlp_marking(s1, h, xpath, s1->arts[i].tlp);
	}
}

static const char *stix1_title(const struct rg_doc *doc)
{
	return doc->report.title.s && doc->report.title.s[0] ? doc->report.title.s
	                                                     : "Incident Report";
}

static void stix1_header(struct stix1 *s1, xmlNodePtr pkg)
{
	const struct rg_report *r = &s1->doc->report;
	xmlNodePtr h = stix1_el(s1, pkg, S1_STIX, "STIX_Header");
	const char *title =
	        r->id.s ? rg_arena_printf(s1->arena, "%s %s", stix1_title(s1->doc), r->id.s)
	                : stix1_title(s1->doc);
	stix1_text(s1, h, S1_STIX, "Title", title);
	stix1_vocab(s1, h, S1_STIX, "Package_Intent", "stixVocabs:PackageIntentVocab-1.0",
	            "Incident");
	const char *desc = r->summary_line.s != NULL ? r->summary_line.s
	                   : export_text_mode(s1->opts) != RG_EXPORT_TEXT_NONE
	                           ? export_plain(s1->arena, s1->doc->summary.s)
	                           : NULL;
	stix1_text(s1, h, S1_STIX, "Description", desc);
	stix1_handling(s1, h);
	xmlNodePtr src = stix1_el(s1, h, S1_STIX, "Information_Source");
	if (r->revision.s != NULL && r->revision.s[0] != '\0')
		stix1_text(s1, src, S1_COMMON, "Description",
		           rg_arena_printf(s1->arena, "Revision %s of %s", r->revision.s,
		                           s1->revised));
	const char *who = r->organization.s ? r->organization.s : r->author.s;
	if (who != NULL && who[0] != '\0') {
		xmlNodePtr id = stix1_el(s1, src, S1_COMMON, "Identity");
		stix1_text(s1, id, S1_COMMON, "Name", who);
	}
	stix1_vocab(s1, src, S1_COMMON, "Role", "stixVocabs:InformationSourceRoleVocab-1.0",
	            "Initial Author");
	xmlNodePtr t = stix1_el(s1, src, S1_COMMON, "Time");
	stix1_text(s1, t, S1_CYBOXCOMMON, "Produced_Time", s1->revised);
	xmlNodePtr tools = stix1_el(s1, src, S1_COMMON, "Tools");
	xmlNodePtr tool = stix1_el(s1, tools, S1_CYBOXCOMMON, "Tool");
	stix1_text(s1, tool, S1_CYBOXCOMMON, "Name", "reportgen");
	stix1_text(s1, tool, S1_CYBOXCOMMON, "Version", RG_VERSION);
}

static void stix1_exploit_targets(struct stix1 *s1, xmlNodePtr pkg)
{
	xmlNodePtr ets = NULL;
	for (size_t i = 0; i < s1->doc->nartifacts; i++) {
		const struct rg_artifact *a = &s1->doc->artifacts[i];
		if (s1->arts[i].exploit_target == NULL)
			continue;
		if (ets == NULL)
			ets = stix1_el(s1, pkg, S1_STIX, "Exploit_Targets");
		xmlNodePtr et = stix1_el(s1, ets, S1_COMMON, "Exploit_Target");
		stix1_xsi_type(s1, et, "et:ExploitTargetType");
		stix1_attr(s1, et, "id", s1->arts[i].exploit_target);
		stix1_attr(s1, et, "timestamp", s1->timestamp);
		stix1_text(s1, et, S1_ET, "Title", a->refanged);
		xmlNodePtr v = stix1_el(s1, et, S1_ET, "Vulnerability");
		stix1_text(s1, v, S1_ET, "Description", export_plain(s1->arena, a->comment.s));
		stix1_text(s1, v, S1_ET, "CVE_ID", a->refanged);
		xmlNodePtr refs = stix1_el(s1, v, S1_ET, "References");
		stix1_text(s1, refs, S1_COMMON, "Reference",
		           rg_arena_printf(s1->arena, "https://www.cve.org/CVERecord?id=%s",
		                           a->refanged));
	}
}

/* Writes Courses_Of_Action: containment actions (stage Response), then remediation items
 * (stage Remedy). */
static void stix1_coa(struct stix1 *s1, xmlNodePtr coas, const char *id, const char *stage,
                      const char *markdown, const char *note)
{
	xmlNodePtr c = stix1_el(s1, coas, S1_STIX, "Course_Of_Action");
	stix1_xsi_type(s1, c, "coa:CourseOfActionType");
	stix1_attr(s1, c, "id", id);
	stix1_attr(s1, c, "timestamp", s1->timestamp);
	const char *text = export_plain(s1->arena, markdown);
	const char *nl = text ? strchr(text, '\n') : NULL;
	stix1_text(s1, c, S1_COA, "Title",
	           nl ? rg_arena_strndup(s1->arena, text, (size_t)(nl - text)) : text);
	stix1_vocab(s1, c, S1_COA, "Stage", "stixVocabs:COAStageVocab-1.0", stage);
	stix1_text(s1, c, S1_COA, "Description", text);
	const char *n = export_plain(s1->arena, note);
	stix1_text(s1, c, S1_COA, "Short_Description", n);
}

static void stix1_courses(struct stix1 *s1, xmlNodePtr pkg)
{
	const struct rg_doc *doc = s1->doc;
	if (doc->containment.nactions == 0 && doc->nremediation == 0)
		return;
	xmlNodePtr coas = stix1_el(s1, pkg, S1_STIX, "Courses_Of_Action");
	for (size_t i = 0; i < doc->containment.nactions; i++) {
		const struct rg_action *a = &doc->containment.actions[i];
		stix1_coa(s1, coas, stix1_coa_id(s1, "containment", i), "Response", a->action.s,
		          a->note.s);
	}
	for (size_t i = 0; i < doc->nremediation; i++) {
		const struct rg_remediation *r = &doc->remediation[i];
		stix1_coa(s1, coas, stix1_coa_id(s1, "remediation", i), "Remedy", r->action.s,
		          r->note.s);
	}
}

/* Builds the package; with out, writes each object there as soon as it is complete (see
 * stix1_stream.c) and returns the document emptied. */
static xmlDocPtr stix1_build(struct stix1 *s1, xmlOutputBufferPtr out)
{
	xmlDocPtr xml = rg_xml.xmlNewDoc((const xmlChar *)"1.0");
	s1->xml = xml;
	xmlNodePtr pkg = rg_xml.xmlNewDocNode(xml, NULL, (const xmlChar *)"STIX_Package", NULL);
	rg_xml.xmlDocSetRootElement(xml, pkg);
	for (int i = 0; i < S1__MAX; i++)
		s1->ns[i] =
		        rg_xml.xmlNewNs(pkg,
		                        (const xmlChar *)(s1->mitre ? stix1_namespaces[i].mitre
		                                                    : stix1_namespaces[i].oasis),
		                        (const xmlChar *)stix1_namespaces[i].prefix);
	rg_xml.xmlSetNs(pkg, s1->ns[S1_STIX]);
	stix1_attr(s1, pkg, "id", stix1_id(s1, "Package", ""));
	stix1_attr(s1, pkg, "version", s1->mitre ? "1.2" : "stix-1.2.1");
	stix1_attr(s1, pkg, "timestamp", s1->revised);
	if (out != NULL)
		stix1_stream_begin(s1, out);
	s1->withheld = export_withheld_new(s1->arena, s1->doc, s1->opts);
	s1->seen = export_seen_new(s1->arena, s1->doc);
	stix1_plan_artifacts(s1);
	stix1_plan_ttps(s1);
	stix1_header(s1, pkg);
	stix1_observables(s1, pkg);
	stix1_indicators(s1, pkg);
	stix1_ttps(s1, pkg);
	stix1_exploit_targets(s1, pkg);
	stix1_incident(s1, pkg);
	stix1_courses(s1, pkg);
	return xml;
}

/* Writes the package straight to fp through a libxml2 output buffer while it is built, so
 * that neither its text nor its tree is ever held whole (same bytes as
 * xmlDocDumpFormatMemoryEnc of the whole tree). */
static int stix1_render(const struct rg_doc *doc, const struct rg_render_opts *opts, FILE *fp)
{
	const char *why = xmllib_load();
	if (why != NULL) {
		if (opts && opts->diags)
			rg_diag(opts->diags, doc->file, (struct rg_pos){0, 0}, RG_F_IO, "",
			        "cannot load libxml2, which writes the STIX 1 package: %s", why);
		return 3;
	}
	int rc = 0;
	struct stix1 s1 = {.doc = doc,
	                   .opts = opts,
	                   .arena = rg_arena_new(),
	                   .mitre = opts == NULL || !opts->stix1_oasis};
	s1.timestamp = export_utc(s1.arena, export_created(doc, opts), 0, false);
	s1.revised = export_utc(s1.arena, export_revised(doc, opts), 0, false);
	xmlOutputBufferPtr out = rg_xml.xmlOutputBufferCreateFile(fp, NULL);
	xmlDocPtr xml = out != NULL ? stix1_build(&s1, out) : NULL;
	bool ok = xml != NULL && stix1_stream_end(&s1);
	if (out == NULL || rg_xml.xmlOutputBufferClose(out) < 0 || !ok || fflush(fp) != 0) {
		if (opts && opts->diags)
			rg_diag(opts->diags, doc->file, (struct rg_pos){0, 0}, RG_F_IO, "",
			        s1.mitre ? "cannot write the STIX 1.2 package"
			                 : "cannot write the STIX 1.2.1 package");
		rc = 3;
	}
	rg_xml.xmlFreeDoc(xml);
	free(s1.extra_obs);
	export_seen_free(s1.seen);
	rg_arena_free(s1.scratch);
	rg_arena_free(s1.arena);
	return rc;
}

const struct rg_format format_stix1 = {"stix1",      ".stix.xml", true, false,
                                       stix1_render, false,       NULL, NULL};

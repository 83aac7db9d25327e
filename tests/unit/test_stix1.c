/* test_stix1.c: the STIX 1.2.1 export: content by XPath, XSD validity, --max-tlp, same bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "attack.h"
#include "ioc.h"
#include "reportgen.h"
#include "stix1_fixture.h"
#include "testutil.h"

#define SCHEMA_DIR RG_SOURCE_DIR "/../shared/schemas" /* STIX_SCHEMAS overrides */
#define SCHEMA_ENTRY "/stix-1.2.1/stix-1.2.1-all.xsd"
#define SCHEMA_ENTRY_12 "/stix-1.2/stix-1.2-all.xsd"
#define TOOLS RG_SOURCE_DIR "/../shared/tools"
#define MITRE_NS "http://stix.mitre.org/stix-1"
#define EXAMPLE RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml"

static xmlSchemaPtr schema;   /* parsed once per program; NULL when the schemas are absent */
static xmlSchemaPtr schema12; /* STIX 1.2 (MITRE namespaces) */
/* The dialect the tests render: the first group runs with --stix1-dialect 1.2.1 (OASIS),
 * the second with the default, STIX 1.2 in MITRE namespaces. */
static bool oasis;
static void schema_message(void *ctx, xmlErrorPtr e);
static bool schema_quiet; /* set while a test expects the schema to reject */

/* The TTP definitions: in the package's TTPs (STIX 1.2.1), inline in the incident's
 * Leveraged_TTPs (STIX 1.2, so that python-stix's readers see no package TTPs). */
static const char *ttps_xp(void)
{
	return oasis ? "(//stix:TTPs/stix:TTP)" : "(//incident:Leveraged_TTP/stixCommon:TTP[@id])";
}

/* ------------------------------------------------------------------ */
/* Rendering and XPath                                                 */
/* ------------------------------------------------------------------ */

static char *render(const struct rg_doc *d, enum rg_tlp max_tlp, int64_t epoch, size_t *len)
{
	const struct rg_format *f = rg_format_find("stix1");
	assert_non_null(f);
	assert_string_equal(f->extension, ".stix.xml");
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_render_opts opts = {.export_text = RG_EXPORT_TEXT_ALL,
	                              .max_tlp = max_tlp,
	                              .epoch = epoch,
	                              .diags = &diags,
	                              .stix1_oasis = oasis};
	assert_int_equal(f->render(d, &opts, fp), 0);
	fclose(fp);
	assert_int_equal(diags.n, 0);
	rg_diags_free(&diags);
	if (len)
		*len = n;
	return buf;
}

/* The package is written while it is built (stix1_stream.c): its bytes must be those of the
 * whole tree saved at once, which re-reading it and saving it again gives. */
static void assert_as_whole_tree(const char *what, const char *buf)
{
	xmlDocPtr doc = xmlReadMemory(buf, (int)strlen(buf), "stix.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	assert_non_null(doc);
	xmlChar *whole = NULL;
	int n = 0;
	xmlDocDumpFormatMemoryEnc(doc, &whole, &n, "UTF-8", 1);
	assert_non_null(whole);
	if ((size_t)n != strlen(buf) || memcmp(whole, buf, (size_t)n) != 0) {
		size_t i = 0;
		while (i < (size_t)n && buf[i] == (char)whole[i])
			i++;
		fail_msg("%s: the streamed package differs from the whole tree at byte %zu: "
		         "\"%.60s\" for \"%.60s\"",
		         what, i, buf + i, (const char *)whole + i);
	}
	xmlFree(whole);
	xmlFreeDoc(doc);
}

struct xdoc {
	xmlDocPtr doc;
	xmlXPathContextPtr ctx;
};

static struct xdoc parse(const char *buf)
{
	struct xdoc x;
	x.doc = xmlReadMemory(buf, (int)strlen(buf), "stix.xml", NULL, XML_PARSE_NONET);
	assert_non_null(x.doc);
	x.ctx = xmlXPathNewContext(x.doc);
	static const char *const mitre[][2] = {
	        {"stix", "http://stix.mitre.org/stix-1"},
	        {"stixCommon", "http://stix.mitre.org/common-1"},
	        {"marking", "http://data-marking.mitre.org/Marking-1"},
	        {"incident", "http://stix.mitre.org/Incident-1"},
	        {"indicator", "http://stix.mitre.org/Indicator-2"},
	        {"ttp", "http://stix.mitre.org/TTP-1"},
	        {"et", "http://stix.mitre.org/ExploitTarget-1"},
	        {"coa", "http://stix.mitre.org/CourseOfAction-1"},
	        {"cybox", "http://cybox.mitre.org/cybox-2"},
	        {"cyboxCommon", "http://cybox.mitre.org/common-2"},
	        {"EmailMessageObj", "http://cybox.mitre.org/objects#EmailMessageObject-2"},
	        {"AddressObj", "http://cybox.mitre.org/objects#AddressObject-2"},
	        {"DomainNameObj", "http://cybox.mitre.org/objects#DomainNameObject-1"},
	        {"FileObj", "http://cybox.mitre.org/objects#FileObject-2"},
	        {"ProcessObj", "http://cybox.mitre.org/objects#ProcessObject-2"},
	        {"xsi", "http://www.w3.org/2001/XMLSchema-instance"},
	};
	if (strstr(buf, MITRE_NS) != NULL) {
		for (size_t i = 0; i < sizeof(mitre) / sizeof(mitre[0]); i++)
			xmlXPathRegisterNs(x.ctx, (const xmlChar *)mitre[i][0],
			                   (const xmlChar *)mitre[i][1]);
		return x;
	}
	static const char *const ns[][2] = {
	        {"stix", "http://docs.oasis-open.org/cti/ns/stix/core-1"},
	        {"stixCommon", "http://docs.oasis-open.org/cti/ns/stix/common-1"},
	        {"marking", "http://docs.oasis-open.org/cti/ns/stix/data-marking-1"},
	        {"incident", "http://docs.oasis-open.org/cti/ns/stix/incident-1"},
	        {"indicator", "http://docs.oasis-open.org/cti/ns/stix/indicator-1"},
	        {"ttp", "http://docs.oasis-open.org/cti/ns/stix/ttp-1"},
	        {"et", "http://docs.oasis-open.org/cti/ns/stix/exploit-target-1"},
	        {"coa", "http://docs.oasis-open.org/cti/ns/stix/course-of-action-1"},
	        {"cybox", "http://docs.oasis-open.org/cti/ns/cybox/core-2"},
	        {"cyboxCommon", "http://docs.oasis-open.org/cti/ns/cybox/common-2"},
	        {"EmailMessageObj",
	         "http://docs.oasis-open.org/cti/ns/cybox/objects/email-message-2"},
	        {"AddressObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/address-2"},
	        {"DomainNameObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/domain-name-1"},
	        {"FileObj", "http://docs.oasis-open.org/cti/ns/cybox/objects/file-2"},
	        {"xsi", "http://www.w3.org/2001/XMLSchema-instance"},
	};
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		xmlXPathRegisterNs(x.ctx, (const xmlChar *)ns[i][0], (const xmlChar *)ns[i][1]);
	return x;
}

static void xfree(struct xdoc *x)
{
	xmlXPathFreeContext(x->ctx);
	xmlFreeDoc(x->doc);
}

/* The number of nodes an XPath selects, or its numeric value for number() expressions. */
static double xnum(struct xdoc *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static double xnum(struct xdoc *x, const char *fmt, ...)
{
	char expr[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(expr, sizeof(expr), fmt, ap);
	va_end(ap);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, x->ctx);
	if (r == NULL)
		fail_msg("bad XPath: %s", expr);
	double v = r->type == XPATH_NODESET ? (r->nodesetval ? r->nodesetval->nodeNr : 0)
	                                    : xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	return v;
}

static char *xstr(struct xdoc *x, const char *expr)
{
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, x->ctx);
	assert_non_null(r);
	xmlChar *s = xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	char *out = strdup((const char *)s);
	xmlFree(s);
	return out;
}

static int schema_check(const char *buf)
{
	xmlDocPtr doc = xmlReadMemory(buf, (int)strlen(buf), "stix.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlSchemaValidCtxtPtr v =
	        xmlSchemaNewValidCtxt(strstr(buf, MITRE_NS) != NULL ? schema12 : schema);
	xmlSchemaSetValidStructuredErrors(v, schema_message, NULL);
	int rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	xmlFreeDoc(doc);
	return rc;
}

static void assert_valid(const char *buf)
{
	if (schema != NULL)
		assert_int_equal(schema_check(buf), 0);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static void test_package_header(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	const char *dump = getenv("RG_STIX1_DUMP"); /* keeps the package for external validators */
	if (dump != NULL && dump[0] != '\0') {
		FILE *fp = fopen(dump, "w");
		assert_non_null(fp);
		fputs(buf, fp);
		fclose(fp);
	}
	assert_valid(buf);
	struct xdoc x = parse(buf);
	assert_int_equal(xnum(&x, "/stix:STIX_Package[@version='stix-1.2.1'][@timestamp='2024-09-"
	                          "17T12:05:00Z']"),
	                 1);
	assert_int_equal(xnum(&x, "/stix:STIX_Package[starts-with(@id, 'reportgen:Package-')]"), 1);
	assert_int_equal(
	        xnum(&x, "//stix:STIX_Header/stix:Title[.='Official Incident Report 304']"), 1);
	assert_int_equal(xnum(&x, "//stix:STIX_Header/"
	                          "stix:Package_Intent[@xsi:type='stixVocabs:PackageIntentVocab-1."
	                          "0'][.='Incident']"),
	                 1);
	/* report TLP green for the whole package, amber and red for the two stricter artifacts */
	assert_int_equal(xnum(&x, "//stix:Handling/marking:Marking[marking:Controlled_Structure='//"
	                          "node() | //@*']"
	                          "/marking:Marking_Structure[@xsi:type='tlpMarking:"
	                          "TLPMarkingStructureType'][@color='GREEN']"),
	                 1);
	assert_int_equal(xnum(&x, "//marking:Marking_Structure[@color='RED']"), 2);
	assert_int_equal(xnum(&x, "//marking:Marking_Structure[@color='AMBER']"), 1);
	char *cs = xstr(&x, "//marking:Marking[marking:Marking_Structure/"
	                    "@color='RED'][contains(marking:Controlled_Structure, "
	                    "//cybox:Observable[cybox:Title='domain "
	                    "secret.example']/@id)]/marking:Controlled_Structure");
	char *obs = xstr(&x, "//cybox:Observable[cybox:Title='domain secret.example']/@id");
	assert_non_null(strstr(cs, obs));
	/* the marking's XPath selects exactly that artifact's observable and indicator subtrees */
	assert_int_equal(xnum(&x, "(%s)[self::cybox:Observable or self::stix:Indicator]", cs), 2);
	assert_int_equal(xnum(&x, "(%s)[self::DomainNameObj:Value]", cs), 1);
	assert_int_equal(xnum(&x, "(%s)[self::cybox:Observable]/cybox:Title", cs), 1);
	assert_int_equal(xnum(&x, "(%s)[self::cybox:Title][. != 'domain secret.example']", cs), 0);
	free(cs);
	free(obs);
	xfree(&x);
	free(buf);
	full_free(d);
}

static void test_every_artifact_observed(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	struct xdoc x = parse(buf);
	for (size_t i = 0; i < NALL; i++) {
		const struct art_spec *a = &all_artifacts[i];
		if (a->type == RG_IOC_CVE) {
			assert_int_equal(xnum(&x,
			                      "//stix:Exploit_Targets/stixCommon:Exploit_Target/"
			                      "et:Vulnerability[et:CVE_ID='%s']",
			                      a->value),
			                 1);
			continue;
		}
		if (a->type == RG_IOC_STRING) { /* U+0001 is not XML: replaced by U+FFFD */
			assert_int_equal(xnum(&x, "//stix:Observables//cybox:Object//"
			                          "cyboxCommon:Property[@name='value'][.='evil "
			                          "\xef\xbf\xbd marker']"),
			                 1);
			continue;
		}
		if (a->type == RG_IOC_REGISTRY) {
			assert_int_equal(
			        xnum(&x,
			             "//stix:Observables//cybox:Object/"
			             "cybox:Properties[*[local-name()='Hive']='HKEY_LOCAL_MACHINE']"
			             "[*[local-name()='Key']='"
			             "Software\\Microsoft\\Windows\\CurrentVersion\\Run']"),
			        1);
			continue;
		}
		if (a->type == RG_IOC_PORT) {
			assert_int_equal(xnum(&x, "//stix:Observables//cybox:Object/"
			                          "cybox:Properties[*[local-name()='Port_Value']='"
			                          "443'][*[local-name()='Layer4_Protocol']='TCP']"),
			                 1);
			continue;
		}
		if (a->type == RG_IOC_SOCKET) {
			const char *colon = strrchr(a->value, ':');
			char host[64];
			snprintf(host, sizeof(host), "%.*s", (int)(colon - a->value), a->value);
			if (host[0] == '[') {
				memmove(host, host + 1, strlen(host));
				host[strlen(host) - 1] = '\0';
			}
			assert_int_equal(
			        xnum(&x,
			             "//stix:Observables//cybox:Object/cybox:Properties[.//"
			             "*[local-name()='Address_Value' or "
			             "local-name()='Hostname_Value']='%s']"
			             "[.//*[local-name()='Port_Value']='%s']",
			             host, colon + 1),
			        1);
			continue;
		}
		/* the object's id names its kind */
		const char *kind = a->type == RG_IOC_IPV4 || a->type == RG_IOC_CIDR ? "Address"
		                   : a->type == RG_IOC_MD5                          ? "File"
		                   : a->type == RG_IOC_USER_AGENT                   ? "HTTPSession"
		                                                                    : NULL;
		if (kind != NULL)
			assert_int_equal(
			        xnum(&x,
			             "//cybox:Observable[cybox:Title=concat('%s ', "
			             "'%s')]/cybox:Object[starts-with(@id, 'reportgen:%s-')]",
			             rg_ioc_type_names[a->type], a->value, kind),
			        1);
		/* the refanged value is the text of one leaf of the object's properties */
		double n = xnum(&x,
		                "//stix:Observables/cybox:Observable/cybox:Object/cybox:Properties/"
		                "/*[not(*)][.='%s']",
		                a->value);
		assert_true(n >= 1);
	}
	/* duplicates are exported once; IDN keeps its other form (STIX 1.2: the A-label is the
	 * value, the U-label the property) */
	assert_int_equal(
	        xnum(&x, "//stix:Observables/cybox:Observable[cybox:Title='domain letsdefwnd.io']"),
	        1);
	if (oasis)
		assert_int_equal(xnum(&x, "//stix:Observables//cyboxCommon:Property[@name='idn_"
		                          "ascii'][.='xn--bcher-kva.example']"),
		                 1);
	else
		assert_int_equal(xnum(&x, "//stix:Observables//cyboxCommon:Property[@name='idn_"
		                          "unicode'][.='b\xc3\xbc"
		                          "cher.example']"),
		                 1);
	/* every idref names an id of the package */
	assert_int_equal(xnum(&x, "//@idref[not(. = //@id)]"), 0);
	assert_int_equal(xnum(&x, "//@object_reference[not(. = //@id)]"), 0);
	/* ids are unique */
	assert_int_equal(xnum(&x, "//*[@id][@id = preceding::*/@id or @id = ancestor::*/@id]"), 0);
	/* related artifact: the domain resolves to the IP */
	assert_int_equal(
	        xnum(&x, "//stix:Observables//cybox:Object[cybox:Properties/*='letsdefwnd.io']/"
	                 "cybox:Related_Objects/cybox:Related_Object"
	                 "[cybox:Relationship='Resolved_To'][@idref=//"
	                 "cybox:Object[cybox:Properties/*='45.33.23.183']/@id]"),
	        1);
	/* descriptions are plain text */
	assert_int_equal(
	        xnum(&x, "//cybox:Observable[cybox:Title='ipv4 45.33.23.183']/cybox:Description"
	                 "[contains(., 'C2 traffic accessed')][contains(., 'Threat intelligence: "
	                 "3/95')][contains(., 'First seen: 2024-09-18T01:32:13Z')]"),
	        1);
	assert_int_equal(
	        xnum(&x,
	             "//cybox:Observable[cybox:Title='ipv4 "
	             "45.33.23.183']/cybox:Keywords[cybox:Keyword='c2'][cybox:Keyword='linode']"),
	        1);
	xfree(&x);
	free(buf);
	full_free(d);
}

static void test_indicators(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	struct xdoc x = parse(buf);
	size_t want = 0;
	for (size_t i = 0; i + 2 < NALL; i++) {
		const struct art_spec *a = &all_artifacts[i];
		const char *obs = "//stix:Observables/cybox:Observable[cybox:Object/"
		                  "cybox:Properties//*[not(*)]='%s']/@id";
		char expr[512];
		snprintf(expr, sizeof(expr), obs, a->value);
		bool indicator = (a->disp == RG_DISP_MALICIOUS || a->disp == RG_DISP_SUSPICIOUS) &&
		                 a->type != RG_IOC_CVE;
		want += indicator;
		if (a->type == RG_IOC_STRING || a->type == RG_IOC_REGISTRY ||
		    a->type == RG_IOC_PORT || a->type == RG_IOC_SOCKET || a->type == RG_IOC_CVE)
			continue;
		char *id = xstr(&x, expr);
		assert_true(id[0] != '\0');
		assert_int_equal(xnum(&x, "//stix:Indicator/indicator:Observable[@idref='%s']", id),
		                 indicator ? 1 : 0);
		free(id);
	}
	/* plus the malicious email; the benign one is no indicator */
	assert_int_equal(
	        xnum(&x, "//stix:Indicators/stix:Indicator[@xsi:type='indicator:IndicatorType']"),
	        want + 1);
	assert_int_equal(xnum(&x, "//stix:Indicator[indicator:Title='Malicious email Free voucher "
	                          "& more'][indicator:Type='Malicious E-mail']"),
	                 1);
	assert_int_equal(xnum(&x, "//stix:Indicator[contains(indicator:Title, 'benign.example') or "
	                          "contains(indicator:Title, 'chrome.exe')]"),
	                 0);
	/* an indicator names the techniques of its artifact or email (techniques:), no others */
	assert_int_equal(xnum(&x, "//indicator:Indicated_TTP"), 4);
	const char *ttp = "//stix:TTP[contains(ttp:Title, '%s')]/@id";
	char q[512];
	snprintf(q, sizeof(q),
	         "//stix:Indicator[indicator:Title='Malicious ipv4 45.33.23.183']"
	         "/indicator:Indicated_TTP/stixCommon:TTP/@idref = %s",
	         rg_arena_printf(d->arena, ttp, "T1598.003"));
	assert_int_equal(xnum(&x, "%s", q), 1);
	assert_int_equal(xnum(&x, "count(//stix:Indicator[indicator:Title='Malicious domain "
	                          "letsdefwnd.io']/indicator:Indicated_TTP)"),
	                 2);
	snprintf(q, sizeof(q),
	         "//stix:Indicator[indicator:Title='Malicious domain letsdefwnd.io']"
	         "/indicator:Indicated_TTP/stixCommon:TTP/@idref = %s",
	         rg_arena_printf(d->arena, ttp, "T1656"));
	assert_int_equal(xnum(&x, "%s", q), 1);
	snprintf(q, sizeof(q),
	         "//stix:Indicator[indicator:Type='Malicious E-mail']"
	         "/indicator:Indicated_TTP/stixCommon:TTP/@idref = %s",
	         rg_arena_printf(d->arena, ttp, "T1566"));
	assert_int_equal(xnum(&x, "%s", q), 1);
	assert_int_equal(xnum(&x, "//stix:Indicator[indicator:Title='Malicious domain "
	                          "letsdefwnd.io'][indicator:Type[@xsi:type='stixVocabs:"
	                          "IndicatorTypeVocab-1.1']='Domain Watchlist']"
	                          "/indicator:Confidence/stixCommon:Value[.='High']"),
	                 1);
	assert_int_equal(
	        xnum(&x, "//stix:Indicator[indicator:Title='Suspicious hostname "
	                 "mail.mailerhost.net']/indicator:Confidence/stixCommon:Value[.='Medium']"),
	        1);
	xfree(&x);
	free(buf);
	full_free(d);
}

static void test_ttps(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	struct xdoc x = parse(buf);
	for (size_t i = 0; i < d->nmitre; i++) {
		const struct rg_technique *t = &d->mitre[i];
		char title[256];
		snprintf(title, sizeof(title), "%s: %s", t->id, t->full_name);
		assert_int_equal(
		        xnum(&x,
		             "%s[@xsi:type='ttp:TTPType'][ttp:Title='%s']"
		             "[ttp:Kill_Chain_Phases/"
		             "stixCommon:Kill_Chain_Phase[@kill_chain_name='mitre-attack'][@name='%"
		             "s']"
		             "[@phase_id=//stixCommon:Kill_Chain_Phase/@phase_id]]"
		             "[ttp:Information_Source/stixCommon:References/"
		             "stixCommon:Reference='%s']"
		             "[ttp:Behavior/ttp:Attack_Patterns/ttp:Attack_Pattern/ttp:Title='%s']",
		             ttps_xp(), title, t->tactic_short, t->url, title),
		        1);
		if (oasis) /* the chain defines the phase; the incident refers to the TTP */
			assert_int_equal(xnum(&x,
			                      "//stix:TTPs/stix:Kill_Chains/"
			                      "stixCommon:Kill_Chain[@name='mitre-"
			                      "attack']/stixCommon:Kill_Chain_Phase[@name='%s']",
			                      t->tactic_short),
			                 1);
		assert_int_equal(
		        xnum(&x,
		             oasis ? "//incident:Leveraged_TTPs/incident:Leveraged_TTP/"
		                     "stixCommon:TTP[@idref=//stix:TTP[ttp:Title='%s']/@id]"
		                   : "//incident:Leveraged_TTPs/incident:Leveraged_TTP/"
		                     "stixCommon:TTP[@id][ttp:Title='%s']",
		             title),
		        1);
	}
	if (!oasis) { /* STIX 1.2: no package TTPs, hence no kill chain definition */
		assert_int_equal(xnum(&x, "//stix:TTPs | //stixCommon:Kill_Chain"), 0);
		assert_true(xnum(&x, "//stix:Indicator") > 0);
	}
	assert_int_equal(xnum(&x,
	                      "%s[ttp:Title='T1566: Phishing']/ttp:Description[.='Email with a "
	                      "link']",
	                      ttps_xp()),
	                 1);
	if (!oasis) {
		xfree(&x);
		free(buf);
		full_free(d);
		return;
	}
	/* the chain is ATT&CK's: every Enterprise tactic, in matrix order */
	assert_int_equal(
	        xnum(&x,
	             "//stixCommon:Kill_Chain[@number_of_phases='%zu']/stixCommon:Kill_Chain_Phase",
	             attack_bundled.ntactics),
	        attack_bundled.ntactics);
	assert_int_equal(attack_bundled.ntactics, 14);
	assert_int_equal(
	        xnum(&x, "//stixCommon:Kill_Chain/"
	                 "stixCommon:Kill_Chain_Phase[1][@name='reconnaissance'][@ordinality='1']"),
	        1);
	assert_int_equal(xnum(&x,
	                      "//stixCommon:Kill_Chain/"
	                      "stixCommon:Kill_Chain_Phase[14][@name='impact'][@ordinality='14']"),
	                 1);
	assert_int_equal(
	        xnum(&x, "//stixCommon:Kill_Chain/"
	                 "stixCommon:Kill_Chain_Phase[@name='initial-access'][@ordinality='3']"),
	        1);
	xfree(&x);
	free(buf);
	full_free(d);
}

static void test_emails(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	struct xdoc x = parse(buf);
	const char *m = "//stix:Observables//cybox:Object/"
	                "cybox:Properties[@xsi:type='EmailMessageObj:EmailMessageObjectType']";
	assert_int_equal(xnum(&x, "%s", m), 2);
	assert_int_equal(xnum(&x,
	                      "%s/EmailMessageObj:Header[EmailMessageObj:From[@category='e-mail']/"
	                      "AddressObj:Address_Value='voucher@letsdefwnd.io']"
	                      "[EmailMessageObj:To/EmailMessageObj:Recipient/"
	                      "AddressObj:Address_Value='mateo@letsdefend.io']"
	                      /* cc "secret.example" is no address: no Recipient */
	                      "[count(EmailMessageObj:CC/EmailMessageObj:Recipient)=1]"
	                      "[EmailMessageObj:Subject='Free voucher & "
	                      "more'][EmailMessageObj:Date='2024-09-18T08:00:00Z']"
	                      "[EmailMessageObj:Message_ID='<abc@letsdefwnd.io>']"
	                      "[EmailMessageObj:X_Originating_IP[@category='ipv4-addr']/"
	                      "AddressObj:Address_Value='45.33.23.183']",
	                      m),
	                 1);
	/* links: the url artifact's own object, and one URI observable for the other link, shared
	 * by both emails */
	assert_int_equal(
	        xnum(&x,
	             "%s/EmailMessageObj:Links/EmailMessageObj:Link[@object_reference=//"
	             "cybox:Object[cybox:Properties/*='http://letsdefwnd.io/login?a=1&b=<2>']/@id]",
	             m),
	        1);
	assert_int_equal(xnum(&x, "//cybox:Object[cybox:Properties/*='http://other.example/x']"),
	                 1);
	assert_int_equal(xnum(&x,
	                      "%s/EmailMessageObj:Links/EmailMessageObj:Link[@object_reference=//"
	                      "cybox:Object[cybox:Properties/*='http://other.example/x']/@id]",
	                      m),
	                 2);
	/* attachments are File objects referenced from the message and related to it */
	assert_int_equal(
	        xnum(&x,
	             "%s/EmailMessageObj:Attachments/EmailMessageObj:File[@object_reference=//"
	             "cybox:Object[cybox:Properties/FileObj:File_Name='voucher.pdf']"
	             "[cybox:Properties/FileObj:Size_In_Bytes='1234'][count(cybox:Properties/"
	             "FileObj:Hashes/cyboxCommon:Hash)=2]/@id]",
	             m),
	        1);
	assert_int_equal(xnum(&x, "//cybox:Object[cybox:Properties/FileObj:File_Name='readme.txt']/"
	                          "cybox:Properties/FileObj:Hashes/cyboxCommon:Hash"
	                          "[cyboxCommon:Type='SHA1'][cyboxCommon:Simple_Hash_Value='"
	                          "da39a3ee5e6b4b0d3255bfef95601890afd80709']"),
	                 1);
	assert_int_equal(
	        xnum(&x,
	             "//cybox:Object[cybox:Properties/"
	             "@xsi:type='EmailMessageObj:EmailMessageObjectType']/cybox:Related_Objects/"
	             "cybox:Related_Object[cybox:Relationship='Contains']"),
	        2);
	assert_int_equal(xnum(&x, "//cybox:Object[cybox:Properties/"
	                          "@xsi:type='EmailMessageObj:EmailMessageObjectType']/"
	                          "cybox:Related_Objects/cybox:Related_Object"
	                          "[cybox:Relationship='Sent_By'][@idref=//"
	                          "cybox:Object[cybox:Properties/*='voucher@letsdefwnd.io']/@id]"),
	                 1);
	/* each email, its link and its attachments are related observables of the incident */
	assert_int_equal(xnum(&x, "//incident:Related_Observable[stixCommon:Relationship='email']"),
	                 2);
	assert_int_equal(
	        xnum(&x, "//cybox:Observable[cybox:Title='email from newsletter@benign.example']"),
	        1);
	assert_int_equal(
	        xnum(&x, "//cybox:Observable[not(@id=//incident:Related_Observable/"
	                 "stixCommon:Observable/@idref)][not(ancestor::incident:Affected_Asset)]"),
	        0);
	xfree(&x);
	free(buf);
	full_free(d);
}

static void test_incident(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	struct xdoc x = parse(buf);
	const char *inc = "//stix:Incidents/stix:Incident[@xsi:type='incident:IncidentType']";
	assert_int_equal(xnum(&x,
	                      "%s[incident:Title='Official Incident "
	                      "Report'][incident:External_ID[@source='LetsDefend']='304']"
	                      "[incident:External_ID[@source='ticket']='SOC-1234']",
	                      inc),
	                 1);
	assert_int_equal(
	        xnum(&x,
	             "%s/"
	             "incident:Time[incident:Incident_Discovery='2024-09-17T12:05:00Z'][incident:"
	             "Incident_Reported[@precision='second']='2024-09-17T12:05:00Z']"
	             "[incident:Containment_Achieved[@precision='minute']='2024-09-18T14:33:20Z']["
	             "incident:First_Malicious_Action='2024-09-18T01:32:13Z']",
	             inc),
	        1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:Description[.='The host Mateo opened "
	                      "http://letsdefwnd.io.\n\nIt was isolated.']",
	                      inc),
	                 1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:Categories/"
	                      "incident:Category[@xsi:type='stixVocabs:IncidentCategoryVocab-1.0']["
	                      ".='Malicious Code']",
	                      inc),
	                 1);
	assert_int_equal(xnum(&x,
	                      "%s[incident:Reporter/stixCommon:Identity/stixCommon:Name='SOC Tier "
	                      "1 Analyst'][incident:Victim/stixCommon:Name='LetsDefend']",
	                      inc),
	                 1);
	assert_int_equal(xnum(&x,
	                      "%s/"
	                      "incident:Status[@xsi:type='stixVocabs:IncidentStatusVocab-1.0'][.='"
	                      "Containment Achieved']",
	                      inc),
	                 1);
	assert_int_equal(xnum(&x, "%s/incident:Security_Compromise[.='Yes']", inc), 1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:Impact_Assessment/incident:Impact_Qualification"
	                      "[@xsi:type='stixVocabs:ImpactQualificationVocab-1.0'][.='Damaging']",
	                      inc),
	                 1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:Affected_Assets/"
	                      "incident:Affected_Asset[incident:Type[@vocab_name='AssetTypeVocab-1."
	                      "0']='User Device'][incident:Business_Function_Or_Role='client']"
	                      "[contains(incident:Description, 'Operating system: Windows 10')]"
	                      "/incident:Structured_Description/cybox:Observable/cybox:Object/"
	                      "cybox:Properties[AddressObj:Address_Value='172.16.17.162']",
	                      inc),
	                 1);
	assert_int_equal(
	        xnum(&x,
	             "%s/incident:Affected_Assets/incident:Affected_Asset[incident:Type='account']/"
	             "/*[local-name()='Username']",
	             inc),
	        1);
	/* every indicator is related; courses of action: done ones taken, planned ones requested */
	assert_int_equal(xnum(&x, "%s/incident:Related_Indicators/incident:Related_Indicator", inc),
	                 xnum(&x, "//stix:Indicator"));
	assert_int_equal(xnum(&x, "//stix:Courses_Of_Action/"
	                          "stix:Course_Of_Action[@xsi:type='coa:CourseOfActionType']"),
	                 4);
	assert_int_equal(
	        xnum(&x,
	             "%s/incident:COA_Taken[incident:Time/"
	             "incident:Start='2024-09-18T14:33:20Z'][incident:Contributors/"
	             "incident:Contributor/cyboxCommon:Name='SOC T1']"
	             "/incident:Course_Of_Action[@idref=//stix:Course_Of_Action[coa:Title='Host "
	             "contained'][coa:Stage='Response']/@id]",
	             inc),
	        1);
	assert_int_equal(
	        xnum(&x,
	             "%s/incident:COA_Requested/incident:Course_Of_Action[@idref=//"
	             "stix:Course_Of_Action[coa:Title='Block letsdefwnd.io at the proxy']/@id]",
	             inc),
	        1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:COA_Requested/incident:Course_Of_Action[@idref=//"
	                      "stix:Course_Of_Action[coa:Stage='Remedy'][coa:Title='Reset the "
	                      "credentials of test@letsdefend.io']/@id]",
	                      inc),
	                 1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:COA_Taken[incident:Time/"
	                      "incident:Start[@precision='day']='2024-10-01T00:00:00Z']"
	                      "/incident:Course_Of_Action[@idref=//"
	                      "stix:Course_Of_Action[coa:Title='Enforce MFA']/@id]",
	                      inc),
	                 1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:History/incident:History_Item/incident:Journal_Entry"
	                      "[@time='2024-09-18T08:00:00Z'][@time_precision='second'][.='Email "
	                      "sent\nAsset: Mateo']",
	                      inc),
	                 1);
	assert_int_equal(
	        xnum(&x,
	             "%s/incident:History/incident:History_Item[2]/"
	             "incident:Journal_Entry[not(@time)][.='CTI reports the account\nSource: CTI']",
	             inc),
	        1);
	assert_int_equal(xnum(&x,
	                      "%s/incident:Information_Source[stixCommon:Description='Playbook: "
	                      "https://app.letsdefend.io/ (internal)\nTicket SOC-1234']"
	                      "/stixCommon:References[count(stixCommon:Reference)=1]/"
	                      "stixCommon:Reference[.='https://app.letsdefend.io/']",
	                      inc),
	                 1);
	xfree(&x);
	free(buf);
	full_free(d);
}

static void test_max_tlp(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_GREEN, -1, NULL);
	assert_valid(buf);
	struct xdoc x = parse(buf);
	/* red and amber artifacts are gone everywhere, including the email CC that names one */
	assert_null(strstr(buf, "secret.example"));
	assert_null(strstr(buf, "bücher.example"));
	assert_null(strstr(buf, "xn--bcher-kva"));
	assert_null(
	        strstr(buf, "2001:db8::1<")); /* a duplicate's stricter TLP withholds the value */
	assert_int_equal(xnum(&x, "//EmailMessageObj:CC/EmailMessageObj:Recipient"), 1);
	assert_int_equal(xnum(&x, "//marking:Marking"), 1);
	assert_int_equal(
	        xnum(&x, "//stix:Observables//cybox:Object[cybox:Properties/*='letsdefwnd.io']"),
	        1);
	xfree(&x);
	free(buf);
	buf = render(d, RG_TLP_AMBER, -1, NULL);
	assert_null(strstr(buf, "secret.example"));
	assert_non_null(strstr(buf, "bücher.example"));
	free(buf);
	full_free(d);
}

static void test_reproducible(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	size_t n1, n2;
	char *a = render(d, RG_TLP_NONE, -1, &n1);
	char *b = render(d, RG_TLP_NONE, -1, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	/* SOURCE_DATE_EPOCH stands in for a missing date only: the report's date stays */
	char *c = render(d, RG_TLP_NONE, 0, NULL);
	assert_non_null(strstr(c, "timestamp=\"2024-09-17T12:05:00Z\""));
	assert_null(strstr(c, "1970-01-01T00:00:00Z"));
	free(a);
	free(b);
	free(c);
	full_free(d);
}

static void test_minimal_doc(void **state)
{
	(void)state;
	struct rg_doc d = {0};
	d.arena = rg_arena_new();
	d.report.id = txt("1");
	char *buf = render(&d, RG_TLP_NONE, -1, NULL);
	assert_valid(buf);
	struct xdoc x = parse(buf);
	assert_int_equal(
	        xnum(&x, "//stix:Observables | //stix:Indicators | //stix:TTPs | //stix:Handling"),
	        0);
	assert_int_equal(xnum(&x, "//stix:Incident[incident:Title='Incident "
	                          "Report'][incident:External_ID[@source='reportgen']='1']"),
	                 1);
	xfree(&x);
	free(buf);
	rg_arena_free(d.arena);
}

/* Entries naming one technique share a TTP with the tactics of all of them, in kill-chain
 * order; TTPs come in the kill-chain order of their first entry. */
static void test_ttp_merge(void **state)
{
	(void)state;
	struct rg_doc *d = full_doc();
	struct rg_technique *m = rg_arena_alloc(d->arena, 4 * sizeof(*m));
	memcpy(m, d->mitre, 3 * sizeof(*m));
	m[3] = m[1]; /* T1566 again, under a later tactic */
	m[3].tactic_name = "Execution";
	m[3].tactic_id = "TA0002";
	m[3].tactic_short = "execution";
	m[3].tactic_order = 4;
	d->mitre = m;
	d->nmitre = 4;
	d->mitre_sorted = rg_arena_alloc(d->arena, 4 * sizeof(*d->mitre_sorted));
	const size_t order[] = {2, 3, 0, 1}; /* deliberately not the file order */
	for (size_t i = 0; i < 4; i++)
		d->mitre_sorted[i] = &m[order[i]];
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	assert_valid(buf);
	struct xdoc x = parse(buf);
	assert_int_equal(xnum(&x, "%s", ttps_xp()), 3);
	assert_int_equal(xnum(&x, "%s[1][ttp:Title='T1656: Impersonation']", ttps_xp()), 1);
	assert_int_equal(xnum(&x,
	                      "%s[2][ttp:Title='T1566: Phishing']"
	                      "/ttp:Kill_Chain_Phases[count(*)=2][*[1]/"
	                      "@name='initial-access'][*[2]/@name='execution']",
	                      ttps_xp()),
	                 1);
	assert_int_equal(xnum(&x, "%s[3][starts-with(ttp:Title, 'T1598.003')]", ttps_xp()), 1);
	assert_int_equal(xnum(&x, "//incident:Leveraged_TTP"), 3);
	xfree(&x);
	free(buf);
	full_free(d);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Many artifacts, emails, links and distinct techniques with --max-tlp: every look-up is
 * indexed (each artifact names one technique of many), so the export stays fast and small;
 * each indicator names the TTP of its own technique only. */
static void test_large(void **state)
{
	(void)state;
	enum { N = 20000 };
	struct rg_doc *d = calloc(1, sizeof(*d));
	d->arena = rg_arena_new();
	d->report.id = txt("large");
	d->nartifacts = N;
	d->artifacts = rg_arena_alloc(d->arena, N * sizeof(struct rg_artifact));
	d->nemails = N;
	d->emails = rg_arena_alloc(d->arena, N * sizeof(struct rg_email));
	d->nmitre = N;
	d->mitre = rg_arena_alloc(d->arena, N * sizeof(struct rg_technique));
	for (size_t i = 0; i < N; i++) {
		struct rg_artifact *a = &d->artifacts[i];
		a->refanged = rg_arena_printf(d->arena, "http://x%zu.example/", i % (N / 2));
		a->value = txt(a->refanged);
		a->type = RG_IOC_URL;
		a->disposition = RG_DISP_MALICIOUS;
		a->tlp = i % 4 == 3 ? RG_TLP_RED : RG_TLP_NONE;
		d->emails[i].from = txt(rg_arena_printf(d->arena, "a%zu@x.example", i));
		const char *url = rg_arena_printf(d->arena, "http://x%zu.example/", i);
		d->emails[i].urls = texts(d->arena, 1, &url);
		d->mitre[i].technique = txt(rg_arena_printf(d->arena, "T%04zu", i % 10000));
		const char *tech = rg_arena_printf(d->arena, "t%04zu", i % 10000);
		a->techniques = texts(d->arena, 1, &tech);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_render_opts opts = {.export_text = RG_EXPORT_TEXT_ALL,
	                              .max_tlp = RG_TLP_AMBER,
	                              .epoch = 0,
	                              .diags = &diags,
	                              .stix1_oasis = oasis};
	double t0 = now();
	assert_int_equal(rg_format_find("stix1")->render(d, &opts, fp), 0);
	fclose(fp);
	double secs = now() - t0;
	printf("stix1: %d artifacts, emails and techniques in %.2f s, %zu bytes\n", N, secs, len);
	assert_true(secs < 30);
	assert_int_equal(diags.n, 0);
	assert_as_whole_tree("large", buf);
	struct xdoc x = parse(buf);
	/* value v is carried by artifacts v and v + N/2: withheld when either is red */
	size_t kept = 0;
	for (size_t v = 0; v < N / 2; v++)
		kept += !(v % 4 == 3 || (v + N / 2) % 4 == 3);
	assert_int_equal(xnum(&x, "//stix:Indicator"), kept);
	assert_int_equal(xnum(&x, "//indicator:Indicated_TTP"), kept);
	assert_int_equal(xnum(&x,
	                      "//stix:Indicator[indicator:Title='Malicious url "
	                      "http://x4.example/']/indicator:Indicated_TTP/stixCommon:TTP"
	                      "/@idref = %s[ttp:Title='T0004']/@id",
	                      ttps_xp()),
	                 1);
	assert_int_equal(xnum(&x, "%s", ttps_xp()), 10000);
	assert_int_equal(xnum(&x, "//cybox:Observable[cybox:Title='url http://x3.example/']"), 0);
	assert_int_equal(xnum(&x, "//EmailMessageObj:Link"), N - (N / 2 - kept));
	xfree(&x);
	free(buf);
	rg_diags_free(&diags);
	full_free(d);
}

/* The validation used above does reject a package the schema forbids. */
static void test_schema_rejects(void **state)
{
	(void)state;
	if (schema == NULL)
		skip();
	struct rg_doc *d = full_doc();
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	assert_int_equal(schema_check(buf), 0);
	char *p = strstr(buf, ">Containment Achieved</incident:Status>");
	assert_non_null(p);
	memcpy(p + 1, "Containment Achieveq", 20); /* not a term of IncidentStatusVocab-1.0 */
	schema_quiet = true;
	assert_int_not_equal(schema_check(buf), 0);
	schema_quiet = false;
	free(buf);
	full_free(d);
}

/* The shared checkers over every package in DIR at once (one process per tool, not one per
 * file): stix1-validate (it picks the 1.2 or 1.2.1 schemas by namespace) and, for STIX 1.2,
 * MITRE's python-stix as stix-clients runs it. WHAT names the packages in messages. */
static void run_tools(const char *dir, const char *what)
{
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "'%s/stix1-validate' -q '%s'/*.stix.xml", TOOLS, dir);
	if (system(cmd) != 0)
		fail_msg("%s: a STIX 1 package in %s does not pass stix1-validate", what, dir);
	if (oasis)
		return; /* python-stix reads STIX 1.2 in MITRE namespaces only */
	/* python-stix, as stix-clients runs it: it must read every package and count its parts */
	snprintf(cmd, sizeof(cmd), "'%s/stix-clients' -q '%s'/*.stix.xml", TOOLS, dir);
	if (system(cmd) != 0)
		fail_msg("%s: stix-clients (python-stix) cannot read a STIX 1.2 package in %s",
		         what, dir);
}

/* When set, check_with_tools only writes each package into this folder, and the corpus test
 * runs the tools once over all of them. */
static const char *tools_batch;
static unsigned tools_count;

/* The shared checkers on one package (or its place in the batch). */
static void check_with_tools(const char *path, const char *buf)
{
	if (access(TOOLS "/stix1-validate", X_OK) != 0) {
		printf("SKIP: %s absent, %s not checked by the shared tools\n", TOOLS, path);
		return;
	}
	const char *dir = tools_batch != NULL
	                          ? tools_batch
	                          : (oasis ? "test_stix1_tools_1.2.1" : "test_stix1_tools_1.2");
	char out[4096];
	if (tools_batch == NULL)
		tu_fresh_dir(dir);
	snprintf(out, sizeof(out), "%s/%04u.stix.xml", dir, tools_count++);
	FILE *fp = fopen(out, "w");
	assert_non_null(fp);
	fputs(buf, fp);
	assert_int_equal(fclose(fp), 0);
	if (tools_batch == NULL)
		run_tools(dir, path);
}

/* One incident file through the loader, the validator and the export: valid, every artifact
 * observed, every indicator where its disposition says, no dangling reference, the same
 * bytes twice. Returns false when the file is not a valid incident (nothing to export). */
static bool check_file(const char *path)
{
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_doc *d = rg_load_file(path, &diags);
	bool ok = d != NULL && diags.worst < RG_SEV_ERROR && rg_validate(d, &diags);
	if (!ok) {
		if (d != NULL)
			rg_doc_free(d);
		rg_diags_free(&diags);
		return false;
	}
	size_t n1, n2;
	char *buf = render(d, RG_TLP_NONE, 1726574700, &n1);
	char *again = render(d, RG_TLP_NONE, 1726574700, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(buf, again, n1);
	free(again);
	assert_valid(buf);
	struct xdoc x = parse(buf);
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		const char *type =
		        rg_ioc_type_names[a->type] ? rg_ioc_type_names[a->type] : "string";
		if (a->type == RG_IOC_CVE) {
			assert_int_equal(
			        xnum(&x, "//et:Vulnerability[et:CVE_ID='%s']", a->refanged), 1);
			continue;
		}
		/* the observable that holds it: its own, or its object group's ("file NAME") */
		const char *otype = type, *oval = a->refanged;
		double own = xnum(
		        &x, "//stix:Observables/cybox:Observable[cybox:Title=concat('%s ', '%s')]",
		        otype, oval);
		enum ioc_object kind = ioc_type_info(a->type)->object;
		if (own == 0 && a->object.s != NULL && kind != IOC_OBJECT_NONE) {
			otype = ioc_object_names[kind];
			oval = a->object.s;
			own = xnum(&x,
			           "//stix:Observables/cybox:Observable[cybox:Title=concat('%s ', "
			           "'%s')]",
			           otype, oval);
		}
		assert_int_equal(own, 1);
		bool indicator =
		        a->disposition == RG_DISP_MALICIOUS || a->disposition == RG_DISP_SUSPICIOUS;
		if (oasis) /* the indicator points at the observed instance */
			assert_int_equal(
			        xnum(&x,
			             "//stix:Indicator[indicator:Observable/@idref=//"
			             "stix:Observables/"
			             "cybox:Observable[cybox:Title=concat('%s ', '%s')]/@id]",
			             otype, oval) > 0,
			        indicator);
		else /* STIX 1.2 idiom: the indicator holds a pattern, values with a condition */
			assert_int_equal(
			        xnum(&x,
			             "//stix:Indicator[substring-after(indicator:Title, ' ')="
			             "concat('%s ', '%s')][not(indicator:Observable/@idref)]"
			             "[indicator:Observable/cybox:Object/cybox:Properties"
			             "//*[@condition='Equals']]",
			             type, a->refanged) > 0,
			        indicator);
	}
	assert_int_equal(xnum(&x, "//@idref[not(. = //@id)]"), 0);
	assert_int_equal(xnum(&x, "//@object_reference[not(. = //@id)]"), 0);
	/* a false positive or benign activity leverages no TTP (STIX 1.2 keeps TTPs only there) */
	bool no_attack = d->report.verdict == RG_VERDICT_FALSE_POSITIVE ||
	                 d->report.verdict == RG_VERDICT_BENIGN;
	assert_int_equal(xnum(&x, "//incident:Leveraged_TTPs"), 0 + (d->nmitre > 0 && !no_attack));
	assert_int_equal(xnum(&x, "%s", ttps_xp()) > 0, d->nmitre > 0 && (oasis || !no_attack));
	check_with_tools(path, buf);
	assert_as_whole_tree(path, buf);
	for (size_t i = 0; i < d->nmitre && (oasis || !no_attack); i++) {
		const struct rg_technique *t = &d->mitre[i];
		if (t->id != NULL && t->tactic_short != NULL) /* resolved from the ATT&CK table */
			assert_int_equal(xnum(&x,
			                      "%s[starts-with(ttp:Title, '%s: "
			                      "')][ttp:Information_Source/stixCommon:References/"
			                      "stixCommon:Reference='%s']"
			                      "/ttp:Kill_Chain_Phases/"
			                      "stixCommon:Kill_Chain_Phase[@kill_chain_name='mitre-"
			                      "attack'][@name='%s']",
			                      ttps_xp(), t->id, t->url, t->tactic_short),
			                 1);
	}
	if (d->report.tlp != RG_TLP_NONE)
		assert_int_equal(xnum(&x, "//stix:STIX_Header/stix:Handling/marking:Marking[1]/"
		                          "marking:Marking_Structure[@color]"),
		                 1);
	xfree(&x);
	free(buf);
	rg_doc_free(d);
	rg_diags_free(&diags);
	return true;
}

/* Every example and every valid golden input. */
static void test_corpus(void **state)
{
	(void)state;
	static const char *const dirs[] = {RG_SOURCE_DIR "/examples",
	                                   RG_SOURCE_DIR "/tests/golden"};
	size_t checked = 0;
	tools_batch = oasis ? "test_stix1_corpus_1.2.1" : "test_stix1_corpus_1.2";
	tu_fresh_dir(tools_batch);
	for (size_t k = 0; k < 2; k++) {
		struct dirent **names = NULL;
		int n = scandir(dirs[k], &names, NULL, alphasort);
		for (int i = 0; i < n; i++) {
			const char *name = names[i]->d_name;
			size_t len = strlen(name);
			if (len > 5 && strcmp(name + len - 5, ".yaml") == 0 &&
			    strncmp(name, "err-", 4) != 0) {
				char path[4096];
				snprintf(path, sizeof(path), "%s/%s", dirs[k], name);
				checked += check_file(path);
			}
			free(names[i]);
		}
		free(names);
	}
	if (access(TOOLS "/stix1-validate", X_OK) == 0)
		run_tools(tools_batch, "the corpus");
	tools_batch = NULL;
	printf("stix1: %zu incident files exported and checked\n", checked);
	assert_true(checked >= 4);
}

/* The seed example in detail. */
static void test_example(void **state)
{
	(void)state;
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_doc *d = rg_load_file(EXAMPLE, &diags);
	assert_non_null(d);
	assert_true(rg_validate(d, &diags));
	char *buf = render(d, RG_TLP_NONE, 1726574700, NULL);
	struct xdoc x = parse(buf);
	assert_int_equal(xnum(&x, "//stix:Indicators/stix:Indicator"),
	                 6); /* five artifacts and the email */
	assert_int_equal(xnum(&x, "%s", ttps_xp()), 3);
	assert_int_equal(xnum(&x, "//*[ttp:Title='T1566: "
	                          "Phishing']/ttp:Kill_Chain_Phases/stixCommon:Kill_Chain_Phase"
	                          "[@kill_chain_name='mitre-attack'][@name='initial-access']"),
	                 1);
	assert_int_equal(xnum(&x, "//stix:STIX_Header/stix:Handling/marking:Marking/"
	                          "marking:Marking_Structure[@color='AMBER']"),
	                 1);
	assert_int_equal(xnum(&x, "//EmailMessageObj:Links/EmailMessageObj:Link[@object_reference=/"
	                          "/cybox:Object[cybox:Properties/*='http://letsdefwnd.io/']/@id]"),
	                 1);
	assert_int_equal(xnum(&x, "//incident:Affected_Asset[incident:Type='User "
	                          "Device']//AddressObj:Address_Value[.='172.16.17.162']"),
	                 1);
	assert_int_equal(xnum(&x, "//incident:COA_Taken/incident:Course_Of_Action[@idref=//"
	                          "stix:Course_Of_Action[coa:Title='Host contained']/@id]"),
	                 1);
	assert_int_equal(xnum(&x, "//incident:COA_Requested"), 3);
	assert_int_equal(
	        xnum(&x, "//incident:History/incident:History_Item/incident:Journal_Entry[@time]"),
	        4);
	xfree(&x);
	free(buf);
	rg_doc_free(d);
	rg_diags_free(&diags);
}

/* Prints schema errors; the entry schema's duplicate-import warnings are expected. */
static void schema_message(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (e != NULL && e->level >= XML_ERR_ERROR && !schema_quiet)
		fprintf(stderr, "%s:%d: %s", e->file ? e->file : "", e->line,
		        e->message ? e->message : "\n");
}

static int setup(void **state)
{
	(void)state;
	struct stat st;
	char path[4096];
	const char *dir = getenv("STIX_SCHEMAS");
	snprintf(path, sizeof(path), "%s%s", dir && dir[0] ? dir : SCHEMA_DIR, SCHEMA_ENTRY);
	if (stat(path, &st) != 0) {
		printf("SKIP: stix1: %s absent, XSD validation skipped\n", path);
		return 0;
	}
	xmlSchemaParserCtxtPtr p = xmlSchemaNewParserCtxt(path);
	xmlSchemaSetParserStructuredErrors(p, schema_message, NULL);
	schema = xmlSchemaParse(p);
	xmlSchemaFreeParserCtxt(p);
	assert_non_null(schema);
	snprintf(path, sizeof(path), "%s%s", dir && dir[0] ? dir : SCHEMA_DIR, SCHEMA_ENTRY_12);
	p = xmlSchemaNewParserCtxt(path);
	xmlSchemaSetParserStructuredErrors(p, schema_message, NULL);
	schema12 = xmlSchemaParse(p);
	xmlSchemaFreeParserCtxt(p);
	assert_non_null(schema12);
	return 0;
}

static int setup_oasis(void **state)
{
	oasis = true;
	return setup(state);
}

static int setup_mitre(void **state)
{
	oasis = false;
	return setup(state);
}

static int teardown(void **state)
{
	(void)state;
	if (schema != NULL)
		xmlSchemaFree(schema);
	if (schema12 != NULL)
		xmlSchemaFree(schema12);
	schema = schema12 = NULL;
	return 0;
}

/* STIX 1.2 as the STIXProject idioms write it: MITRE namespaces, version 1.2, indicators
 * with their own pattern (condition="Equals"), a command line as a Process's name,
 * Command_Line and Argument_List, IDNs as A-labels. */
static const char idiom_yaml[] = "reportgen: 1\n"
                                 "report:\n"
                                 "  id: \"I-1\"\n"
                                 "  date: 2024-09-17T12:05:00Z\n"
                                 "artifacts:\n"
                                 "  - value: \"b\\u00fccher.example\"\n"
                                 "    disposition: malicious\n"
                                 "  - value: 'certutil.exe -urlcache -f \"http://x.example/a b\"'\n"
                                 "    type: process\n"
                                 "    disposition: suspicious\n"
                                 "  - value: 198.51.100.7\n"
                                 "    disposition: benign\n";

static void test_mitre_idioms(void **state)
{
	(void)state;
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_doc *d = rg_load_buffer("idiom.yaml", idiom_yaml, sizeof(idiom_yaml) - 1, &diags);
	assert_non_null(d);
	assert_true(rg_validate(d, &diags));
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	assert_valid(buf);
	struct xdoc x = parse(buf);
	assert_int_equal(xnum(&x, "/stix:STIX_Package[@version='1.2']"), 1);
	assert_null(strstr(buf, "docs.oasis-open.org"));
	/* two indicators, each with a pattern of its own, never a reference to the instance */
	assert_int_equal(xnum(&x, "//stix:Indicator"), 2);
	assert_int_equal(xnum(&x, "//stix:Indicator/indicator:Observable[@idref]"), 0);
	assert_int_equal(xnum(&x, "//stix:Indicator/indicator:Observable//"
	                          "DomainNameObj:Value[@condition='Equals']"
	                          "[.='xn--bcher-kva.example']"),
	                 1);
	/* the instance observable: A-label as value, the U-label as a custom property */
	assert_int_equal(xnum(&x, "//stix:Observables//DomainNameObj:Value[not(@condition)]"
	                          "[.='xn--bcher-kva.example']"),
	                 1);
	assert_int_equal(xnum(&x, "//stix:Observables//cyboxCommon:Property[@name='idn_unicode']"
	                          "[.='b\xc3\xbc"
	                          "cher.example']"),
	                 1);
	/* the command line: program, whole line, arguments (quotes group) */
	assert_int_equal(xnum(&x, "//stix:Observables//ProcessObj:Name[.='certutil.exe']"), 1);
	assert_int_equal(xnum(&x, "//stix:Observables//ProcessObj:Command_Line"
	                          "[.='certutil.exe -urlcache -f \"http://x.example/a b\"']"),
	                 1);
	assert_int_equal(xnum(&x, "//stix:Observables//ProcessObj:Argument"), 3);
	assert_int_equal(xnum(&x, "//stix:Observables//ProcessObj:Argument[3]"
	                          "[.='http://x.example/a b']"),
	                 1);
	assert_int_equal(xnum(&x, "//stix:Indicator//ProcessObj:Command_Line[@condition='Equals']"),
	                 1);
	/* vocabulary names stay without a condition */
	assert_int_equal(xnum(&x, "//cyboxCommon:Type[@condition]"), 0);
	check_with_tools("idiom.yaml", buf);
	xfree(&x);
	free(buf);
	rg_doc_free(d);
	rg_diags_free(&diags);
}

/* Times and confidence: each indicator is valid from the nearest evidence (its first_seen,
 * the email that carries it, the earliest timeline event naming it, the alert; never after
 * its last_seen), as the STIX 2.1 valid_from; Confidence High for malicious, Medium for
 * suspicious (export.h). */
static void test_evidence_times(void **state)
{
	(void)state;
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_doc *d = rg_load_file(RG_SOURCE_DIR "/tests/stix/evidence-times.yaml", &diags);
	assert_non_null(d);
	assert_true(rg_validate(d, &diags));
	char *buf = render(d, RG_TLP_NONE, -1, NULL);
	assert_valid(buf);
	struct xdoc x = parse(buf);
	static const char *const want[][3] = {
	        {"Malicious domain first.example", "2025-03-01T00:00:00Z", "High"},
	        {"Malicious email bad@sender.example", "2025-03-05T10:00:00Z", "High"},
	        {"Suspicious ipv4 198.51.100.7", "2025-03-07T09:30:00Z", "Medium"},
	        {"Malicious domain mixed.example", "2025-03-08T10:00:00Z", "High"},
	        {"Malicious domain quiet.example", "2025-03-09T08:00:00Z", "High"},
	        {"Malicious domain late.example", "2025-03-02T00:00:00Z", "High"},
	        {"Malicious email Invoice", "2025-03-05T10:00:00Z", "High"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (xnum(&x,
		         "//stix:Indicator[indicator:Title='%s']/indicator:Valid_Time_Position/"
		         "indicator:Start_Time[@precision='second'][.='%s']",
		         want[i][0], want[i][1]) != 1)
			fail_msg("%s: not valid from %s", want[i][0], want[i][1]);
		assert_int_equal(xnum(&x,
		                      "//stix:Indicator[indicator:Title='%s']/indicator:Confidence/"
		                      "stixCommon:Value[.='%s']",
		                      want[i][0], want[i][2]),
		                 1);
	}
	assert_int_equal(xnum(&x, "//indicator:Start_Time[starts-with(., '2025-03-10')]"), 0);
	check_with_tools("evidence-times.yaml", buf);
	xfree(&x);
	free(buf);
	rg_doc_free(d);
	rg_diags_free(&diags);
}

/* A package that cannot be written (a full disk) is a system failure with its diagnostic. */
static void test_write_failure(void **state)
{
	(void)state;
	FILE *fp = fopen("/dev/full", "w");
	if (fp == NULL)
		skip();
	struct rg_doc *d = full_doc();
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_render_opts opts = {.export_text = RG_EXPORT_TEXT_ALL,
	                              .max_tlp = RG_TLP_NONE,
	                              .epoch = 0,
	                              .diags = &diags,
	                              .stix1_oasis = oasis};
	assert_int_equal(rg_format_find("stix1")->render(d, &opts, fp), 3);
	fclose(fp);
	assert_int_equal(diags.n, 1);
	assert_int_equal(diags.v[0].code, RG_F_IO);
	assert_string_equal(diags.v[0].message, oasis ? "cannot write the STIX 1.2.1 package"
	                                              : "cannot write the STIX 1.2 package");
	rg_diags_free(&diags);
	full_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_package_header),
	        cmocka_unit_test(test_every_artifact_observed),
	        cmocka_unit_test(test_indicators),
	        cmocka_unit_test(test_ttps),
	        cmocka_unit_test(test_emails),
	        cmocka_unit_test(test_incident),
	        cmocka_unit_test(test_max_tlp),
	        cmocka_unit_test(test_reproducible),
	        cmocka_unit_test(test_minimal_doc),
	        cmocka_unit_test(test_example),
	        cmocka_unit_test(test_corpus),
	        cmocka_unit_test(test_schema_rejects),
	        cmocka_unit_test(test_ttp_merge),
	        cmocka_unit_test(test_large),
	        cmocka_unit_test(test_write_failure),
	        cmocka_unit_test(test_evidence_times),
	};
	const struct CMUnitTest mitre[] = {
	        cmocka_unit_test(test_mitre_idioms),
	        cmocka_unit_test(test_every_artifact_observed),
	        cmocka_unit_test(test_ttps),
	        cmocka_unit_test(test_emails),
	        cmocka_unit_test(test_incident),
	        cmocka_unit_test(test_max_tlp),
	        cmocka_unit_test(test_reproducible),
	        cmocka_unit_test(test_minimal_doc),
	        cmocka_unit_test(test_example),
	        cmocka_unit_test(test_corpus),
	        cmocka_unit_test(test_write_failure),
	        cmocka_unit_test(test_evidence_times),
	};
	int failed =
	        cmocka_run_group_tests_name("stix1 (1.2.1, OASIS)", tests, setup_oasis, teardown);
	failed += cmocka_run_group_tests_name("stix1 (1.2, MITRE)", mitre, setup_mitre, teardown);
	xmlCleanupParser();
	return failed;
}

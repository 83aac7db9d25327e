/* test_stix2.c: the STIX 2.1 export: ids, SCOs, indicators, markings, TLP filter, validity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "stix2.h"
#include "uuid.h"

#define VALIDATOR RG_SOURCE_DIR "/../shared/tools/stix2-validate"
/* Reads a bundle as consumers do: OASIS's cti-python-stix2 with allow_custom=False, after a
 * duplicate-key check. Its Debian packages come from build.sh, so only a missing ../shared
 * skips it. */
#define CLIENTS RG_SOURCE_DIR "/../shared/tools/stix-clients"

extern const struct rg_format format_stix2;

/* ------------------------------------------------------------------ */
/* A hand-built document with every artifact type                      */
/* ------------------------------------------------------------------ */

struct art_spec {
	enum rg_ioc_type type;
	const char *value; /* refanged */
	enum rg_disposition disp;
	const char *expect; /* the string its STIX object must carry */
	enum rg_tlp tlp;
};

static const struct art_spec specs[] = {
        {RG_IOC_URL, "http://letsdefwnd.io", RG_DISP_MALICIOUS, "http://letsdefwnd.io/", 0},
        {RG_IOC_EMAIL, "voucher@letsdefwnd.io", RG_DISP_MALICIOUS, "voucher@letsdefwnd.io", 0},
        {RG_IOC_DOMAIN, "letsdefwnd.io", RG_DISP_MALICIOUS, "letsdefwnd.io", 0},
        {RG_IOC_DOMAIN, "mail.mailerhost.net", RG_DISP_SUSPICIOUS, "mail.mailerhost.net", 0},
        {RG_IOC_IPV4, "45.33.23.183", RG_DISP_MALICIOUS, "45.33.23.183", 0},
        {RG_IOC_IPV6, "2001:db8::1", RG_DISP_BENIGN, "2001:db8::1", 0},
        {RG_IOC_CIDR, "10.0.0.0/8", RG_DISP_BENIGN, "10.0.0.0/8", 0},
        {RG_IOC_CIDR, "2001:db8::/32", RG_DISP_SUSPICIOUS, "2001:db8::/32", 0},
        {RG_IOC_HOSTNAME, "www.letsdefwnd.io", RG_DISP_MALICIOUS, "www.letsdefwnd.io", 0},
        {RG_IOC_DOMAIN,
         "b\xc3\xbc"
         "cher.example",
         RG_DISP_MALICIOUS, "xn--bcher-kva.example", 0},
        {RG_IOC_URI_PATH, "/login.php", RG_DISP_SUSPICIOUS, "/login.php", 0},
        {RG_IOC_MD5, "D41D8CD98F00B204E9800998ECF8427E", RG_DISP_MALICIOUS,
         "d41d8cd98f00b204e9800998ecf8427e", 0},
        {RG_IOC_SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709", RG_DISP_MALICIOUS,
         "da39a3ee5e6b4b0d3255bfef95601890afd80709", 0},
        {RG_IOC_SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         RG_DISP_MALICIOUS, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0},
        {RG_IOC_SHA512,
         "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d28"
         "77eec2f63b931bd47417a81a538327af927da3e",
         RG_DISP_MALICIOUS,
         "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d28"
         "77eec2f63b931bd47417a81a538327af927da3e",
         0},
        {RG_IOC_SSDEEP, "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", RG_DISP_MALICIOUS,
         "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", 0},
        {RG_IOC_FILENAME, "invoice.exe", RG_DISP_MALICIOUS, "invoice.exe", 0},
        {RG_IOC_FILEPATH, "C:\\Users\\mateo\\AppData\\evil.dll", RG_DISP_MALICIOUS,
         "C:\\Users\\mateo\\AppData", 0},
        {RG_IOC_REGISTRY, "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\evil",
         RG_DISP_MALICIOUS,
         "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\evil", 0},
        {RG_IOC_PROCESS, "powershell.exe -enc SQBFAFgA", RG_DISP_MALICIOUS,
         "powershell.exe -enc SQBFAFgA", 0},
        {RG_IOC_USER, "mateo", RG_DISP_BENIGN, "mateo", 0},
        {RG_IOC_USER_AGENT, "Mozilla/5.0 (evil's agent)", RG_DISP_SUSPICIOUS,
         "Mozilla/5.0 (evil's agent)", 0},
        {RG_IOC_PORT, "4444", RG_DISP_MALICIOUS, "4444", 0},
        {RG_IOC_SOCKET, "45.33.23.184:8443", RG_DISP_MALICIOUS, "45.33.23.184", 0},
        {RG_IOC_ASN, "AS63949", RG_DISP_SUSPICIOUS, "63949", 0},
        {RG_IOC_CVE, "cve-2024-3400", RG_DISP_MALICIOUS, "CVE-2024-3400", 0},
        {RG_IOC_MAC, "00-1A-2B-3C-4D-5E", RG_DISP_BENIGN, "00:1a:2b:3c:4d:5e", 0},
        {RG_IOC_STRING, "it's a \\ test", RG_DISP_MALICIOUS, "it's a \\ test", 0},
        {RG_IOC_DOMAIN, "secret.example", RG_DISP_MALICIOUS, "secret.example", RG_TLP_RED},
        {RG_IOC_DOMAIN, "unknown.example", RG_DISP_UNKNOWN, "unknown.example", 0},
        {RG_IOC_URL, "http://letsdefwnd.io/login?a=1&b=<2>", RG_DISP_MALICIOUS,
         "http://letsdefwnd.io/login?a=1&b=%3C2%3E", 0},
        {RG_IOC_SSDEEP, "3:abc+/:def,\"x.exe\"", RG_DISP_MALICIOUS, "3:abc+/:def", 0},
        {RG_IOC_REGISTRY, "hkcu:\\Software\\Run", RG_DISP_SUSPICIOUS,
         "HKEY_CURRENT_USER\\Software\\Run", 0},
        {RG_IOC_MAC, "0011.2233.4455", RG_DISP_BENIGN, "00:11:22:33:44:55", 0},
        {RG_IOC_SOCKET, "[2001:db8::2]:8443", RG_DISP_MALICIOUS, "2001:db8::2", 0},
        {RG_IOC_SOCKET, "c2.example.net:4444", RG_DISP_MALICIOUS, "c2.example.net", 0},
        {RG_IOC_DOMAIN, "secret.example", RG_DISP_MALICIOUS, "secret.example", 0}, /* duplicate */
};
#define NSPECS (sizeof(specs) / sizeof(specs[0]))
#define SECRET 28 /* index of the TLP:RED artifact */

static struct rg_text tx(const char *s)
{
	return (struct rg_text){s, {1, 1}};
}

static struct rg_time at(int64_t utc)
{
	return (struct rg_time){.prec = RG_TIME_SECOND, .has_offset = true, .utc = utc, .raw = "t"};
}

static struct rg_texts texts1(struct rg_arena *a, const char *s)
{
	struct rg_texts t = {rg_arena_alloc(a, sizeof(struct rg_text)), 1, {1, 1}};
	t.v[0] = tx(s);
	return t;
}

static struct rg_doc *fixture(void)
{
	struct rg_arena *a = rg_arena_new();
	struct rg_doc *d = rg_arena_alloc(a, sizeof(*d));
	d->arena = a;
	d->file = "fixture.yaml";
	d->version = 1;
	struct rg_report *r = &d->report;
	r->id = tx("304");
	r->title = tx("Official Incident Report");
	r->author = tx("SOC Tier 1 Analyst");
	r->organization = tx("LetsDefend");
	r->ticket = tx("SOC-1234");
	r->summary_line = tx("Look-alike domain phishing with credential theft");
	r->date = at(1726574700);
	r->tlp = RG_TLP_AMBER;
	r->severity = RG_LEVEL_MEDIUM;
	r->verdict = RG_VERDICT_TRUE_POSITIVE;
	r->status = RG_STATUS_CONTAINED;
	r->tags = texts1(a, "phishing");
	d->alert.present = true;
	d->alert.rule = tx("SOC326 - Impersonating Domain MX Record Change Detected");
	d->alert.time = at(1726574700);
	d->alert.source = tx("no-reply@cti-report.io");
	d->summary = tx("The host **Mateo** opened a *phishing* link.");
	d->mitre = rg_arena_alloc(a, 2 * sizeof(*d->mitre));
	d->nmitre = 2;
	d->mitre[0] = (struct rg_technique){.technique = tx("T1566"),
	                                    .id = "T1566",
	                                    .full_name = "Phishing",
	                                    .tactic_short = "initial-access",
	                                    .url = "https://attack.mitre.org/techniques/T1566"};
	d->mitre[1] =
	        (struct rg_technique){.technique = tx("T1598.003"),
	                              .id = "T1598.003",
	                              .full_name = "Phishing for Information: Spearphishing Link",
	                              .tactic_short = "reconnaissance",
	                              .url = "https://attack.mitre.org/techniques/T1598/003",
	                              .comment = tx("Link to a fake login page")};
	d->artifacts = rg_arena_alloc(a, NSPECS * sizeof(*d->artifacts));
	d->nartifacts = NSPECS;
	for (size_t i = 0; i < NSPECS; i++) {
		struct rg_artifact *x = &d->artifacts[i];
		x->value = tx(specs[i].value);
		x->refanged = specs[i].value;
		x->type = specs[i].type;
		x->disposition = specs[i].disp;
		x->tlp = specs[i].tlp;
		x->comment = tx("Seen in the *phishing* email");
	}
	d->artifacts[9].idn_ascii = "xn--bcher-kva.example";
	d->artifacts[9].idn_unicode = "b\xc3\xbc"
	                              "cher.example";
	d->artifacts[2].first_seen = at(1726574700);
	d->artifacts[2].last_seen = at(1726574800);
	d->artifacts[2].related = rg_arena_alloc(a, sizeof(struct rg_related));
	d->artifacts[2].nrelated = 1;
	d->artifacts[2].related[0] = (struct rg_related){.value = tx("45.33.23.183"),
	                                                 .relation = tx("resolves-to"),
	                                                 .ref = &d->artifacts[4]};
	d->emails = rg_arena_alloc(a, sizeof(*d->emails));
	d->nemails = 1;
	struct rg_email *e = &d->emails[0];
	e->from = tx("voucher@letsdefwnd.io");
	e->to = texts1(a, "mateo@letsdefend.io");
	e->subject = tx("Your free voucher");
	e->date = at(1726646400);
	e->urls = texts1(a, "http://letsdefwnd.io/");
	e->body = tx("Offers a **free voucher**.");
	e->verdict = RG_DISP_MALICIOUS;
	e->attachments = rg_arena_alloc(a, sizeof(*e->attachments));
	e->nattachments = 1;
	e->attachments[0] = (struct rg_attachment){
	        .name = tx("voucher.pdf"),
	        .sha256 = tx("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
	        .size = tx("1024")};
	d->remediation = rg_arena_alloc(a, sizeof(*d->remediation));
	d->nremediation = 1;
	d->remediation[0] = (struct rg_remediation){
	        .action = tx("Reset the credentials of test@letsdefend.io and enforce MFA.")};
	d->containment.actions = rg_arena_alloc(a, sizeof(struct rg_action));
	d->containment.nactions = 1;
	d->containment.actions[0] = (struct rg_action){
	        .action = tx("Host contained"), .target = tx("Mateo"), .status = RG_ASTAT_DONE};
	d->assets = rg_arena_alloc(a, sizeof(*d->assets));
	d->nassets = 1;
	d->assets[0] = (struct rg_asset){.name = tx("Mateo"),
	                                 .kind = RG_KIND_HOST,
	                                 .ip = texts1(a, "172.16.17.162"),
	                                 .status = RG_ASTATUS_CONTAINED};
	d->references = rg_arena_alloc(a, sizeof(*d->references));
	d->nreferences = 1;
	d->references[0] = (struct rg_reference){.title = tx("LetsDefend Playbook"),
	                                         .url = tx("https://app.letsdefend.io/")};
	return d;
}

/* The fixture lives in its own arena (rg_doc_free belongs to the loader). */
static void fixture_free(struct rg_doc *d)
{
	rg_arena_free(d->arena);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Renders to a heap string (caller frees). */
static char *render(const struct rg_doc *d, enum rg_tlp max_tlp)
{
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_render_opts opts = {.export_text = RG_EXPORT_TEXT_ALL,
	                              .max_tlp = max_tlp,
	                              .epoch = 1726574700,
	                              .diags = &diags};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(format_stix2.render(d, &opts, fp), 0);
	fclose(fp);
	assert_int_equal(diags.n, 0);
	rg_diags_free(&diags);
	return buf;
}

static cJSON *objects(cJSON *bundle)
{
	cJSON *objs = cJSON_GetObjectItemCaseSensitive(bundle, "objects");
	assert_true(cJSON_IsArray(objs));
	return objs;
}

static const char *str(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static cJSON *by_id(cJSON *bundle, const char *id)
{
	cJSON *o;
	cJSON_ArrayForEach(o, objects(bundle)) if (strcmp(str(o, "id"), id) == 0) return o;
	return NULL;
}

/* True when some string (or integer, in decimal) anywhere under j equals s. */
static bool holds(const cJSON *j, const char *s)
{
	if (cJSON_IsString(j))
		return strcmp(j->valuestring, s) == 0;
	if (cJSON_IsNumber(j)) {
		char n[32];
		snprintf(n, sizeof(n), "%.0f", j->valuedouble);
		return strcmp(n, s) == 0;
	}
	const cJSON *c;
	cJSON_ArrayForEach(c, j) if (holds(c, s)) return true;
	return false;
}

/* The object of `type` carrying s, or NULL. SCOs have no "created". */
static cJSON *find_carrier(cJSON *bundle, const char *s, bool sco_only)
{
	cJSON *o;
	cJSON_ArrayForEach(o, objects(bundle))
	{
		bool sco = cJSON_GetObjectItemCaseSensitive(o, "created") == NULL;
		bool vuln = strcmp(str(o, "type"), "vulnerability") == 0;
		if ((sco || (!sco_only && vuln)) && holds(o, s))
			return o;
	}
	return NULL;
}

static bool in_refs(cJSON *o, const char *key, const char *id)
{
	cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(
	                              o, key)) if (strcmp(r->valuestring, id) == 0) return true;
	return false;
}

/* True when an indicator's pattern is exactly p. */
static bool indicator_with(cJSON *bundle, const char *p)
{
	cJSON *o;
	cJSON_ArrayForEach(o, objects(bundle)) if (strcmp(str(o, "type"), "indicator") == 0 &&
	                                           strcmp(str(o, "pattern"), p) == 0) return true;
	return false;
}

static bool pattern_has(cJSON *bundle, const char *value)
{
	struct rg_arena *a = rg_arena_new();
	const char *q = stix2_pattern_quote(a, value);
	bool found = false;
	cJSON *o;
	cJSON_ArrayForEach(o, objects(bundle)) if (strcmp(str(o, "type"), "indicator") == 0 &&
	                                           strstr(str(o, "pattern"), q) != NULL) found =
	        true;
	rg_arena_free(a);
	return found;
}

/* The validator: $STIX2_VALIDATE when set, else the shared tools beside the repository. */
static const char *validator(void)
{
	const char *v = getenv("STIX2_VALIDATE");
	return v != NULL && *v != '\0' ? v : VALIDATOR;
}

/* The validator is there and works here (python3 with jsonschema >= 4.18): it must accept
 * its own sample bundle, else validation is skipped with a message rather than failed. */
static bool have_validator(void)
{
	static int usable = -1;
	static const char *why = "";
	if (usable < 0) {
		const char *v = validator();
		const char *slash = strrchr(v, '/');
		char cmd[8400];
		snprintf(cmd, sizeof(cmd), "'%s' -q '%.*s/samples/good-stix2.json' >/dev/null 2>&1",
		         v, slash ? (int)(slash - v) : 1, slash ? v : ".");
		usable = access(v, X_OK) == 0 && system(cmd) == 0;
		why = access(v, X_OK) != 0 ? "not found"
		                           : "cannot check its own sample here (python3 with "
		                             "jsonschema >= 4.18 needed)";
	}
	if (!usable)
		print_message("SKIP: %s %s, STIX 2.1 bundles not validated\n", validator(), why);
	return usable;
}

/* The validator (strict) and cti-python-stix2 over FILES, a shell word list of quoted
 * paths or a quoted folder and a glob: one process per tool for all of them. */
static void validate_all(const char *files)
{
	char cmd[8448]; /* two paths of up to 4096 bytes and the options */
	snprintf(cmd, sizeof(cmd), "'%s' -q --strict %s", validator(), files);
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("%s does not validate (status %d)", files, rc);
	if (access(CLIENTS, X_OK) != 0) {
		print_message("SKIP: %s not found, %s not read by cti-python-stix2\n", CLIENTS,
		              files);
		return;
	}
	snprintf(cmd, sizeof(cmd), "'%s' -q %s", CLIENTS, files);
	rc = system(cmd);
	if (rc != 0)
		fail_msg("%s is refused by cti-python-stix2 (stix-clients status %d)", files, rc);
}

static void validate(const char *path)
{
	char word[4100];
	snprintf(word, sizeof(word), "'%s'", path);
	validate_all(word);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static void test_uuid5_and_sco_ids(void **state)
{
	(void)state;
	char out[37];
	const char *n = "www.example.com";
	assert_true(uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", n, strlen(n), out));
	assert_string_equal(out, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
	struct rg_arena *a = rg_arena_new();
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "value", "letsdefwnd.io");
	/* the id the OASIS python library gives the same domain */
	assert_string_equal(stix2_sco_id(a, "domain-name", c),
	                    "domain-name--17d7d19d-8e74-5931-843e-7f6d9bec9ed3");
	cJSON_Delete(c);
	rg_arena_free(a);
}

static void test_pattern_quote(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	assert_string_equal(stix2_pattern_quote(a, "it's a \\ test"), "'it\\'s a \\\\ test'");
	assert_string_equal(stix2_pattern_eq(a, "domain-name:value", "letsdefwnd.io", NULL),
	                    "[domain-name:value = 'letsdefwnd.io']");
	assert_string_equal(stix2_pattern_eq(a, "url:value", "a", "b"),
	                    "[url:value = 'a' OR url:value = 'b']");
	rg_arena_free(a);
}

/* The types STIX 2.1 has no observable for: an indicator alone, or a note. */
static bool no_sco(enum rg_ioc_type t)
{
	return t == RG_IOC_USER_AGENT || t == RG_IOC_URI_PATH || t == RG_IOC_PORT ||
	       t == RG_IOC_STRING;
}

/* A note whose abstract contains s. */
static bool note_has(cJSON *bundle, const char *s)
{
	cJSON *o;
	cJSON_ArrayForEach(o,
	                   objects(bundle)) if (strcmp(str(o, "type"), "note") == 0 &&
	                                        str(o, "abstract") != NULL &&
	                                        strstr(str(o, "abstract"), s) != NULL) return true;
	return false;
}

static void test_every_artifact_has_its_object(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	assert_non_null(b);
	cJSON *o;
	cJSON_ArrayForEach(o, objects(b))
	{ /* no custom object: every type is one STIX 2.1 defines */
		if (strncmp(str(o, "type"), "x-", 2) == 0)
			fail_msg("custom object type %s", str(o, "type"));
	}
	for (size_t i = 0; i < NSPECS; i++) {
		if (no_sco(specs[i].type)) {
			if (specs[i].type != RG_IOC_PORT) /* a socket has port 4444 */
				assert_null(find_carrier(b, specs[i].expect, true));
			if (specs[i].type == RG_IOC_PORT)
				assert_true(indicator_with(b, "[network-traffic:dst_port = 4444]"));
			else if (specs[i].type == RG_IOC_STRING)
				assert_true(note_has(b, specs[i].expect));
			else
				assert_true(pattern_has(b, specs[i].expect));
			continue;
		}
		bool sco = specs[i].type != RG_IOC_CVE;
		cJSON *o = find_carrier(b, specs[i].expect, sco);
		if (o == NULL)
			fail_msg("artifact %zu (%s): no object carries \"%s\"", i, specs[i].value,
			         specs[i].expect);
		if (!sco)
			assert_string_equal(
			        str(cJSON_GetArrayItem(
			                    cJSON_GetObjectItem(o, "external_references"), 0),
			            "source_name"),
			        "cve");
	}
	/* the IDN domain is matched in both spellings; the socket carries its port */
	assert_true(pattern_has(b, "b\xc3\xbc"
	                           "cher.example"));
	assert_true(pattern_has(b, "xn--bcher-kva.example"));
	assert_non_null(find_carrier(b, "8443", true));
	assert_non_null(find_carrier(b, "evil.dll", true));
	cJSON_Delete(b);
	free(text);
	fixture_free(d);
}

static void test_techniques(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	for (size_t i = 0; i < d->nmitre; i++) {
		bool found = false;
		cJSON *o;
		cJSON_ArrayForEach(o, objects(b))
		{
			if (strcmp(str(o, "type"), "attack-pattern") != 0)
				continue;
			cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "external_references"),
			                              0);
			if (strcmp(str(r, "external_id"), d->mitre[i].id) != 0)
				continue;
			found = true;
			assert_string_equal(str(r, "source_name"), "mitre-attack");
			assert_string_equal(str(r, "url"), d->mitre[i].url);
			assert_string_equal(str(o, "name"), d->mitre[i].full_name);
			cJSON *ph =
			        cJSON_GetArrayItem(cJSON_GetObjectItem(o, "kill_chain_phases"), 0);
			assert_string_equal(str(ph, "kill_chain_name"), "mitre-attack");
			assert_string_equal(str(ph, "phase_name"), d->mitre[i].tactic_short);
		}
		assert_true(found);
	}
	cJSON_Delete(b);
	free(text);
	fixture_free(d);
}

static void test_markings(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	cJSON *o;
	size_t amber = 0, red = 0;
	cJSON_ArrayForEach(o, objects(b))
	{
		if (strcmp(str(o, "type"), "marking-definition") == 0)
			continue;
		cJSON *refs = cJSON_GetObjectItem(o, "object_marking_refs");
		if (cJSON_GetArraySize(refs) != 1)
			fail_msg("%s has no marking", str(o, "id"));
		const char *m = cJSON_GetArrayItem(refs, 0)->valuestring;
		cJSON *def = by_id(b, m);
		assert_non_null(def);
		const char *level =
		        str(cJSON_GetObjectItem(
		                    cJSON_GetObjectItem(def, "extensions"),
		                    "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"),
		            "tlp_2_0");
		amber += strcmp(level, "amber") == 0;
		red += strcmp(level, "red") == 0;
	}
	assert_true(amber > 20);
	assert_true(red >=
	            4); /* the secret domain's SCO, observed-data, indicator, relationships */
	assert_non_null(by_id(b, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"));
	cJSON_Delete(b);
	free(text);
	fixture_free(d);
}

static void test_benign_are_observations(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	for (size_t i = 0; i < NSPECS; i++) {
		if (specs[i].type == RG_IOC_CVE || no_sco(specs[i].type))
			continue;
		cJSON *sco = find_carrier(b, specs[i].expect, true);
		assert_non_null(sco);
		bool observed = false;
		cJSON *o;
		cJSON_ArrayForEach(o,
		                   objects(b)) if (strcmp(str(o, "type"), "observed-data") == 0 &&
		                                   in_refs(o, "object_refs", str(sco, "id")))
		        observed = true;
		assert_true(observed);
		bool indicator =
		        specs[i].disp == RG_DISP_MALICIOUS || specs[i].disp == RG_DISP_SUSPICIOUS;
		if (specs[i].type == RG_IOC_SOCKET || specs[i].type == RG_IOC_FILEPATH ||
		    specs[i].type == RG_IOC_ASN || specs[i].type == RG_IOC_PORT)
			continue; /* their patterns split the value */
		if (indicator != pattern_has(b, specs[i].expect))
			fail_msg("artifact %zu (%s): indicator %s expected", i, specs[i].value,
			         indicator ? "" : "not");
	}
	cJSON_Delete(b);
	free(text);
	fixture_free(d);
}

/* Checks a pattern's shape: bracketed, quotes closed, only \' and \\ escapes. */
static void check_pattern(const char *p)
{
	size_t n = strlen(p);
	assert_true(n > 2 && p[0] == '[' && p[n - 1] == ']');
	int depth = 0;
	bool quoted = false;
	for (size_t i = 0; i < n; i++) {
		if (quoted) {
			if (p[i] == '\\') {
				assert_true(p[i + 1] == '\'' || p[i + 1] == '\\');
				i++;
			} else if (p[i] == '\'') {
				quoted = false;
			}
		} else if (p[i] == '\'') {
			quoted = true;
		} else if (p[i] == '[') {
			depth++;
		} else if (p[i] == ']') {
			assert_true(--depth >= 0);
		}
	}
	assert_false(quoted);
	assert_int_equal(depth, 0);
}

static void test_patterns_well_formed(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	cJSON *o;
	size_t n = 0;
	cJSON_ArrayForEach(o, objects(b))
	{
		if (strcmp(str(o, "type"), "indicator") != 0)
			continue;
		n++;
		assert_string_equal(str(o, "pattern_type"), "stix");
		check_pattern(str(o, "pattern"));
		assert_non_null(str(o, "valid_from"));
	}
	/* 28 malicious or suspicious artifacts (not the CVE, not the free string), the email */
	assert_int_equal(n, 29);
	cJSON *ind = find_carrier(b, "letsdefwnd.io", true);
	assert_non_null(ind);
	assert_true(pattern_has(b, "letsdefwnd.io"));
	cJSON_Delete(b);
	free(text);
	fixture_free(d);
}

static void test_max_tlp_drops(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *all = render(d, RG_TLP_NONE);
	char *amber = render(d, RG_TLP_AMBER);
	assert_non_null(strstr(all, "secret.example"));
	assert_non_null(strstr(all, "e828b379-4e03-4974-9ac4-e53a884c97c1"));
	assert_null(strstr(amber, "secret.example"));
	assert_null(strstr(amber, "e828b379-4e03-4974-9ac4-e53a884c97c1"));
	assert_non_null(strstr(amber, "letsdefwnd.io"));
	free(all);
	free(amber);
	fixture_free(d);
}

/* Fails on null, empty arrays and empty strings anywhere under j. */
static void check_no_empty(const cJSON *j, const char *where)
{
	if (cJSON_IsNull(j))
		fail_msg("null in %s", where);
	if (cJSON_IsArray(j) && cJSON_GetArraySize(j) == 0)
		fail_msg("empty list %s in %s", j->string ? j->string : "", where);
	if (cJSON_IsString(j) && j->valuestring[0] == '\0')
		fail_msg("empty string %s in %s", j->string ? j->string : "", where);
	const cJSON *c;
	cJSON_ArrayForEach(c, j) check_no_empty(c, where);
}

static void test_no_null_no_empty(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	cJSON *o;
	cJSON_ArrayForEach(o, objects(b)) check_no_empty(o, str(o, "id"));
	/* a document with nothing but a report still exports valid, non-empty objects */
	struct rg_doc *bare = rg_arena_alloc(d->arena, sizeof(*bare));
	bare->arena = d->arena;
	bare->report.id = tx("1");
	bare->report.title = tx("");
	bare->report.organization = tx("");
	bare->references = rg_arena_alloc(d->arena, sizeof(*bare->references));
	bare->nreferences = 1;
	bare->references[0] = (struct rg_reference){.title = tx(""), .url = tx("")};
	bare->assets = rg_arena_alloc(d->arena, sizeof(*bare->assets));
	bare->nassets = 1;
	bare->assets[0] = (struct rg_asset){.name = tx("")};
	char *t2 = render(bare, RG_TLP_NONE);
	cJSON *b2 = cJSON_Parse(t2);
	cJSON_ArrayForEach(o, objects(b2)) check_no_empty(o, str(o, "id"));
	if (have_validator()) {
		tu_spit("test_stix2_bare.stix.json", t2);
		validate("test_stix2_bare.stix.json");
	}
	cJSON_Delete(b2);
	free(t2);
	cJSON_Delete(b);
	free(text);
	fixture_free(d);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *one = render(d, RG_TLP_NONE);
	char *two = render(d, RG_TLP_NONE);
	assert_string_equal(one, two);
	cJSON *b = cJSON_Parse(one);
	/* ids do not repeat */
	cJSON *o, *p;
	cJSON_ArrayForEach(
	        o, objects(b)) for (p = o->next; p != NULL;
	                            p = p->next) if (strcmp(str(o, "id"), str(p, "id")) == 0)
	        fail_msg("duplicate %s", str(o, "id"));
	cJSON_ArrayForEach(o, objects(b)) if (strcmp(str(o, "type"), "identity") == 0)
	        assert_string_equal(str(o, "created"), "2024-09-17T12:05:00.000Z");
	cJSON_Delete(b);
	free(one);
	free(two);
	fixture_free(d);
}

/* Without a temporary file (no descriptor left), the objects' texts are held in memory and
 * the bundle is the same byte for byte, the email indicator's sender read back included. */
static void test_without_spill(void **state)
{
	(void)state;
	struct rg_doc *d = fixture();
	char *spilled = render(d, RG_TLP_NONE);
	int lowest = dup(0);
	assert_true(lowest >= 0);
	close(lowest);
	struct rlimit was, now;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
	now = was;
	now.rlim_cur = (rlim_t)lowest;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &now), 0);
	FILE *probe = tmpfile();
	char *held = render(d, RG_TLP_NONE);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
	assert_null(probe); /* the render above had no spill file */
	assert_string_equal(held, spilled);
	assert_non_null(strstr(held, "email-message:from_ref.value = "));
	free(spilled);
	free(held);
	fixture_free(d);
}

static void test_validator_fixture(void **state)
{
	(void)state;
	if (!have_validator())
		return;
	struct rg_doc *d = fixture();
	char *text = render(d, RG_TLP_NONE);
	tu_spit("test_stix2_fixture.stix.json", text);
	validate("test_stix2_fixture.stix.json");
	free(text);
	text = render(d, RG_TLP_GREEN);
	tu_spit("test_stix2_fixture_green.stix.json", text);
	validate("test_stix2_fixture_green.stix.json");
	free(text);
	fixture_free(d);
}

/* Loads and validates an incident file; NULL (with a message) when it is not valid. */
static struct rg_doc *load(const char *path)
{
	struct rg_diags g;
	rg_diags_init(&g);
	struct rg_doc *d = rg_load_file(path, &g);
	if (d != NULL && !rg_validate(d, &g)) {
		rg_diags_print(&g, stderr, false);
		rg_doc_free(d);
		d = NULL;
	}
	rg_diags_free(&g);
	return d;
}

/* The seed incident: its indicators, techniques and email, then validity. */
static void test_seed_example(void **state)
{
	(void)state;
	struct rg_doc *d = load(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml");
	assert_non_null(d);
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	assert_true(pattern_has(b, "letsdefwnd.io"));
	assert_true(pattern_has(b, "45.33.23.183"));
	assert_true(pattern_has(b, "voucher@letsdefwnd.io"));
	cJSON *sco = find_carrier(b, "http://letsdefwnd.io/", true);
	assert_non_null(sco);
	assert_string_equal(str(sco, "type"), "url");
	cJSON *o;
	size_t techniques = 0, messages = 0;
	cJSON_ArrayForEach(o, objects(b))
	{
		techniques += strcmp(str(o, "type"), "attack-pattern") == 0;
		if (strcmp(str(o, "type"), "email-message") == 0) {
			messages++;
			cJSON *from = by_id(b, str(o, "from_ref"));
			assert_string_equal(str(from, "value"), "voucher@letsdefwnd.io");
			assert_string_equal(
			        str(by_id(b,
			                  cJSON_GetArrayItem(cJSON_GetObjectItem(o, "to_refs"), 0)
			                          ->valuestring),
			            "value"),
			        "mateo@letsdefend.io");
		}
		if (strcmp(str(o, "type"), "incident") == 0)
			assert_string_equal(
			        str(cJSON_GetArrayItem(
			                    cJSON_GetObjectItem(o, "external_references"), 0),
			            "external_id"),
			        "304");
		if (strcmp(str(o, "type"), "report") == 0)
			assert_string_equal(str(o, "published"), "2024-09-17T12:05:00.000Z");
	}
	assert_int_equal(techniques, 3);
	assert_int_equal(messages, 1);
	if (have_validator()) {
		tu_spit("test_stix2_seed.stix.json", text);
		validate("test_stix2_seed.stix.json");
	}
	cJSON_Delete(b);
	free(text);
	rg_doc_free(d);
}

/* Edge cases through the loader and validator: IDNs, defanged email fields, paths, hives,
 * sockets, a six-digit CVE id, duplicate techniques, quotes and backslashes. */
static const char edge_yaml[] = "reportgen: 1\n"
                                "report:\n"
                                "  id: \"E-1\"\n"
                                "  date: 2024-09-17 12:05\n"
                                "  tlp: clear\n"
                                "  timezone: unknown\n"
                                "  facts:\n"
                                "    - SLA: 4h\n"
                                "    - C2: hxxp://c2[.]example/gate\n"
                                "alert:\n"
                                "  rule: \"Rule with 'quotes' and \\\\ backslash\"\n"
                                "  source: attacker[@]evil[.]example\n"
                                "  fields:\n"
                                "    - Domain: evil[.]example\n"
                                "emails:\n"
                                "  - from: \"user@b\\u00fccher.example\"\n"
                                "    to: [\"mateo[@]letsdefend[.]io\", \"x@y.example\"]\n"
                                "    cc: a@b.example\n"
                                "    reply_to: r@evil.example\n"
                                "    smtp_ip: 2001:db8::5\n"
                                "    message_id: \"<abc@evil.example>\"\n"
                                "    attachments:\n"
                                "      - name: 'a \"quoted\" name.pdf'\n"
                                "        md5: D41D8CD98F00B204E9800998ECF8427E\n"
                                "        size: \"12 KB\"\n"
                                "      - name: plain.zip\n"
                                "    urls: [\"hxxps[:]//evil[.]example/a b\"]\n"
                                "    verdict: suspicious\n"
                                "mitre:\n"
                                "  - technique: T1566\n"
                                "  - name: Phishing\n"
                                "  - technique: T9999\n"
                                "    name: Made up\n"
                                "  - technique: T1566\n"
                                "    tactic: initial-access\n"
                                "references:\n"
                                "  - title: Defanged\n"
                                "    url: hxxps[:]//example[.]com/x\n"
                                "  - title: No URL\n"
                                "    comment: just a note\n"
                                "artifacts:\n"
                                "  - value: \"http://b\\u00fccher.example/pfad\"\n"
                                "  - value: \"b\\u00fccher.example\"\n"
                                "  - value: \"user@b\\u00fccher.example\"\n"
                                "  - value: /\n"
                                "    type: filepath\n"
                                "  - value: 'C:\\'\n"
                                "    type: filepath\n"
                                "  - value: '\\\\server\\share\\x.exe'\n"
                                "  - value: HKEY_LOCAL_MACHINE\n"
                                "    type: registry\n"
                                "  - value: 'hklm:\\Software\\X'\n"
                                "  - value: 00:1A:2B:3C:4D:5E\n"
                                "  - value: \"[2001:db8::1]:443\"\n"
                                "    type: socket\n"
                                "  - value: \"b\\u00fccher.example:8080\"\n"
                                "    type: socket\n"
                                "  - value: CVE-2024-100001\n"
                                "    type: cve\n"
                                "  - value: "
                                "\"96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/"
                                "wqWXLcMSx:sF1LjEtHHlZDrw1mA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx\"\n"
                                "    type: ssdeep\n"
                                "  - value: AS4294967295\n"
                                "  - value: 65535\n"
                                "    type: port\n"
                                "  - value: \"quote ' and \\\\ backslash\"\n"
                                "    type: user-agent\n"
                                "    tlp: red\n"
                                "  - value: evil.example\n"
                                "    tlp: red\n"
                                "    related:\n"
                                "      - value: \"b\\u00fccher.example\"\n"
                                "        relation: communicates-with\n";

/* Defanged values that are not IDNs: every exported value and pattern is refanged. */
static const char defanged_yaml[] = "reportgen: 1\n"
                                    "report:\n"
                                    "  id: \"D-1\"\n"
                                    "  date: 2024-09-17T12:05:00Z\n"
                                    "  tlp: clear\n"
                                    "artifacts:\n"
                                    "  - value: evil[.]example\n"
                                    "    disposition: malicious\n"
                                    "  - value: hxxp://www[.]evil[.]example/gate\n"
                                    "    disposition: malicious\n"
                                    "  - value: 198.51.100[.]7\n"
                                    "    disposition: suspicious\n"
                                    "  - value: a[@]b[.]example\n"
                                    "    disposition: malicious\n"
                                    "  - value: hxxps://c2[.]example:8443/x\n"
                                    "    disposition: benign\n";

static void test_refang_non_idn(void **state)
{
	(void)state;
	struct rg_diags g;
	rg_diags_init(&g);
	struct rg_doc *d =
	        rg_load_buffer("defanged.yaml", defanged_yaml, sizeof(defanged_yaml) - 1, &g);
	assert_non_null(d);
	assert_true(rg_validate(d, &g));
	rg_diags_free(&g);
	char *text = render(d, RG_TLP_NONE);
	assert_null(strstr(text, "[.]"));
	assert_null(strstr(text, "[@]"));
	assert_null(strstr(text, "hxxp"));
	cJSON *b = cJSON_Parse(text);
	assert_non_null(b);
	const char *want[] = {"evil.example", "http://www.evil.example/gate", "198.51.100.7",
	                      "a@b.example", "https://c2.example:8443/x"};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		cJSON *sco = find_carrier(b, want[i], true);
		if (sco == NULL)
			fail_msg("no SCO holds %s", want[i]);
		assert_string_equal(str(sco, "value"), want[i]);
		if (i < 4 && !pattern_has(b, want[i]))
			fail_msg("no pattern matches %s", want[i]);
	}
	if (have_validator()) {
		tu_spit("test_stix2_defanged.stix.json", text);
		validate("test_stix2_defanged.stix.json");
	}
	cJSON_Delete(b);
	free(text);
	rg_doc_free(d);
}

/* Times and confidence: with no first_seen, an indicator's valid_from and its observed-data's
 * first_observed come from the nearest evidence (the email that carries the value, the
 * earliest timeline event naming it, the alert), never later than its last_seen; malicious
 * indicators carry confidence 85, suspicious ones 50 (export.h). */
static void test_evidence_times(void **state)
{
	(void)state;
	struct rg_diags g;
	rg_diags_init(&g);
	struct rg_doc *d = rg_load_file(RG_SOURCE_DIR "/tests/stix/evidence-times.yaml", &g);
	assert_non_null(d);
	assert_true(rg_validate(d, &g));
	rg_diags_free(&g);
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	assert_non_null(b);
	static const struct {
		const char *name, *from;
		int confidence;
	} want[] = {
	        {"Malicious domain first.example", "2025-03-01T00:00:00.000Z", 85},
	        {"Malicious email bad@sender.example", "2025-03-05T10:00:00.000Z", 85},
	        {"Suspicious ipv4 198.51.100.7", "2025-03-07T09:30:00.000Z", 50},
	        {"Malicious domain mixed.example", "2025-03-08T10:00:00.000Z", 85},
	        {"Malicious domain quiet.example", "2025-03-09T08:00:00.000Z", 85},
	        {"Malicious domain late.example", "2025-03-02T00:00:00.000Z", 85},
	        {"Malicious email from bad@sender.example", "2025-03-05T10:00:00.000Z", 85},
	};
	size_t found = 0;
	cJSON *o;
	cJSON_ArrayForEach(o, objects(b))
	{
		if (strcmp(str(o, "type"), "indicator") != 0)
			continue;
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			if (strcmp(str(o, "name"), want[i].name) != 0)
				continue;
			found++;
			if (strcmp(str(o, "valid_from"), want[i].from) != 0)
				fail_msg("%s: valid_from %s, want %s", want[i].name,
				         str(o, "valid_from"), want[i].from);
			cJSON *c = cJSON_GetObjectItemCaseSensitive(o, "confidence");
			assert_true(cJSON_IsNumber(c));
			assert_int_equal(c->valueint, want[i].confidence);
			/* the observation the indicator is based on starts there too */
			cJSON *r;
			size_t based = 0;
			cJSON_ArrayForEach(r, objects(b))
			{
				if (strcmp(str(r, "type"), "relationship") != 0 ||
				    strcmp(str(r, "relationship_type"), "based-on") != 0 ||
				    strcmp(str(r, "source_ref"), str(o, "id")) != 0)
					continue;
				cJSON *obs = by_id(b, str(r, "target_ref"));
				assert_non_null(obs);
				assert_string_equal(str(obs, "first_observed"), want[i].from);
				based++;
			}
			assert_int_equal(based, 1);
		}
	}
	assert_int_equal(found, sizeof(want) / sizeof(want[0]));
	/* the report date is the last resort: not one of these */
	assert_null(strstr(text, "\"valid_from\":\t\"2025-03-10"));
	if (have_validator()) {
		tu_spit("test_stix2_evidence.stix.json", text);
		validate("test_stix2_evidence.stix.json");
	}
	cJSON_Delete(b);
	free(text);
	rg_doc_free(d);
}

/* URLs normalised per RFC 3986 section 6.2.2: spellings of one URL are one SCO, and the
 * pattern matches the spelling without a path too. */
static const char url_spellings_yaml[] = "reportgen: 1\n"
                                         "report:\n"
                                         "  id: \"urls\"\n"
                                         "  date: 2025-01-01\n"
                                         "artifacts:\n"
                                         "  - value: http://letsdefwnd.io\n"
                                         "  - value: http://letsdefwnd.io/\n"
                                         "    type: url\n"
                                         "  - value: HTTP://LetsDefwnd.IO:80/\n"
                                         "    type: url\n"
                                         "  - value: https://x.example:443/%7euser/%2f?q\n";

static void test_url_normalised(void **state)
{
	(void)state;
	struct rg_diags g;
	rg_diags_init(&g);
	struct rg_doc *d =
	        rg_load_buffer("urls.yaml", url_spellings_yaml, sizeof(url_spellings_yaml) - 1, &g);
	assert_non_null(d);
	assert_true(rg_validate(d, &g));
	rg_diags_free(&g);
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	assert_non_null(b);
	size_t urls = 0;
	cJSON *o;
	cJSON_ArrayForEach(o, objects(b))
	{
		if (strcmp(str(o, "type"), "url") == 0)
			urls++;
	}
	assert_int_equal(urls, 2);
	assert_non_null(find_carrier(b, "http://letsdefwnd.io/", true));
	assert_non_null(find_carrier(b, "https://x.example/~user/%2F?q", true));
	assert_non_null(strstr(text, "\"[url:value = 'http://letsdefwnd.io/' OR url:value = "
	                             "'http://letsdefwnd.io']\""));
	if (have_validator()) {
		tu_spit("test_stix2_urls.stix.json", text);
		validate("test_stix2_urls.stix.json");
	}
	cJSON_Delete(b);
	free(text);
	rg_doc_free(d);
}

/* Object groups, registry values and an address's AS (issue 21, "one object per thing"). */
static const char objects_yaml[] =
        "reportgen: 1\n"
        "report:\n"
        "  id: \"OBJ-1\"\n"
        "  date: 2025-03-04\n"
        "  tlp: amber\n"
        "artifacts:\n"
        "  - value: 9e107d9d372bb6826bd81d3542a419d6\n"
        "    object: odupdate.exe\n"
        "  - value: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12\n"
        "    object: odupdate.exe\n"
        "  - value: D7A8FBB307D7809469CA9ABCB0082E4F8D5651E46D3CDB762D02D0BF37C9E592\n"
        "    object: odupdate.exe\n"
        "  - value: 'C:\\Users\\j.meyer\\AppData\\odupdate.exe'\n"
        "    object: odupdate.exe\n"
        "  - value: "
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d287"
        "7eec2f63b931bd47417a81a538327af927da3e\n"
        "    object: odupdate.exe\n"
        "    tlp: red\n"
        "  - value: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'\n"
        "    value_name: OneDriveUpdate\n"
        "    value_data: 'C:\\Users\\j.meyer\\AppData\\odupdate.exe'\n"
        "  - value: update-cdn.example\n"
        "    object: c2\n"
        "  - value: 185.220.101.47\n"
        "    object: c2\n"
        "    asn: AS64500\n"
        "  - value: 198.51.100.7\n"
        "    asn: 64501\n"
        "  - value: powershell.exe -nop -w hidden\n"
        "    type: process\n";

static cJSON *only_of_type(cJSON *b, const char *type)
{
	cJSON *o, *found = NULL;
	size_t n = 0;
	cJSON_ArrayForEach(o, objects(b)) if (strcmp(str(o, "type"), type) == 0)
	{
		found = o;
		n++;
	}
	assert_int_equal(n, 1);
	return found;
}

static void test_objects(void **state)
{
	(void)state;
	struct rg_diags g;
	rg_diags_init(&g);
	struct rg_doc *d =
	        rg_load_buffer("objects.yaml", objects_yaml, sizeof(objects_yaml) - 1, &g);
	assert_non_null(d);
	assert_true(rg_validate(d, &g));
	rg_diags_free(&g);
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	assert_non_null(b);
	/* a grouped file is one SCO with all its hashes, its name and its folder */
	cJSON *file = only_of_type(b, "file");
	cJSON *h = cJSON_GetObjectItemCaseSensitive(file, "hashes");
	assert_int_equal(cJSON_GetArraySize(h), 4);
	assert_string_equal(str(h, "MD5"), "9e107d9d372bb6826bd81d3542a419d6");
	assert_string_equal(str(h, "SHA-1"), "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
	assert_string_equal(str(h, "SHA-256"),
	                    "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
	assert_non_null(str(h, "SHA-512"));
	assert_string_equal(str(file, "name"), "odupdate.exe");
	cJSON *dir = by_id(b, str(file, "parent_directory_ref"));
	assert_non_null(dir);
	assert_string_equal(str(dir, "path"), "C:\\Users\\j.meyer\\AppData");
	/* its id from the hash STIX prefers (MD5), the name and the folder */
	struct rg_arena *a = rg_arena_new();
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(cJSON_AddObjectToObject(c, "hashes"), "MD5",
	                        "9e107d9d372bb6826bd81d3542a419d6");
	cJSON_AddStringToObject(c, "name", "odupdate.exe");
	cJSON_AddStringToObject(c, "parent_directory_ref", str(dir, "id"));
	assert_string_equal(str(file, "id"), stix2_sco_id(a, "file", c));
	cJSON_Delete(c);
	rg_arena_free(a);
	/* each member keeps its own indicator, all based on the one observation of the file */
	const char *obs = NULL;
	size_t based = 0;
	cJSON *o;
	cJSON_ArrayForEach(o, objects(b))
	{
		if (strcmp(str(o, "type"), "observed-data") == 0 &&
		    in_refs(o, "object_refs", str(file, "id"))) {
			assert_null(obs);
			obs = str(o, "id");
			assert_true(in_refs(o, "object_refs", str(dir, "id")));
		}
	}
	assert_non_null(obs);
	cJSON_ArrayForEach(o, objects(b))
	{
		if (strcmp(str(o, "type"), "relationship") == 0 &&
		    strcmp(str(o, "relationship_type"), "based-on") == 0 &&
		    strcmp(str(o, "target_ref"), obs) == 0)
			based++;
	}
	assert_int_equal(based, 5);
	assert_true(indicator_with(b, "[file:hashes.MD5 = '9e107d9d372bb6826bd81d3542a419d6']"));
	assert_true(indicator_with(b, "[file:name = 'odupdate.exe' AND "
	                              "file:parent_directory_ref.path = 'C:\\\\Users\\\\j.meyer\\\\"
	                              "AppData']"));
	/* the registry value is in values, and the pattern matches it */
	cJSON *key = only_of_type(b, "windows-registry-key");
	assert_string_equal(str(key, "key"),
	                    "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
	cJSON *val = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(key, "values"), 0);
	assert_non_null(val);
	assert_string_equal(str(val, "name"), "OneDriveUpdate");
	assert_string_equal(str(val, "data"), "C:\\Users\\j.meyer\\AppData\\odupdate.exe");
	assert_true(pattern_has(b, "OneDriveUpdate"));
	/* a host: the domain resolves to its address, which belongs to its AS */
	cJSON *dom = only_of_type(b, "domain-name");
	cJSON *ip = find_carrier(b, "185.220.101.47", true);
	assert_non_null(ip);
	assert_true(in_refs(dom, "resolves_to_refs", str(ip, "id")));
	size_t belongs = 0;
	cJSON_ArrayForEach(o, objects(b))
	{
		if (strcmp(str(o, "type"), "relationship") != 0 ||
		    strcmp(str(o, "relationship_type"), "belongs-to") != 0)
			continue;
		cJSON *as = by_id(b, str(o, "target_ref"));
		assert_string_equal(str(as, "type"), "autonomous-system");
		cJSON *from = by_id(b, str(o, "source_ref"));
		double want = strcmp(str(from, "value"), "185.220.101.47") == 0 ? 64500 : 64501;
		assert_true(cJSON_GetObjectItemCaseSensitive(as, "number")->valuedouble == want);
		belongs++;
	}
	assert_int_equal(belongs, 2);
	/* a process has no ID contributing property: a name-based id in the document's space
	 * (version 5, RFC 4122 variant; strict validators warn on a version-4 SCO id), the same
	 * in every render */
	const char *pid = str(only_of_type(b, "process"), "id");
	assert_int_equal(strlen(pid), strlen("process--") + 36);
	assert_int_equal(pid[strlen("process--") + 14], '5');
	assert_non_null(strchr("89ab", pid[strlen("process--") + 19]));
	char *again = render(d, RG_TLP_NONE);
	assert_non_null(strstr(again, pid));
	free(again);
	if (have_validator()) {
		tu_spit("test_stix2_objects.stix.json", text);
		validate("test_stix2_objects.stix.json");
	}
	cJSON_Delete(b);
	free(text);
	/* --max-tlp: the red member's hash leaves the file SCO, the rest stays one SCO */
	text = render(d, RG_TLP_AMBER);
	b = cJSON_Parse(text);
	h = cJSON_GetObjectItemCaseSensitive(only_of_type(b, "file"), "hashes");
	assert_int_equal(cJSON_GetArraySize(h), 3);
	assert_null(strstr(text, "cf83e1357eefb8bdf154"));
	cJSON_Delete(b);
	free(text);
	rg_doc_free(d);
}

static void test_edge_cases(void **state)
{
	(void)state;
	struct rg_diags g;
	rg_diags_init(&g);
	struct rg_doc *d = rg_load_buffer("edge.yaml", edge_yaml, sizeof(edge_yaml) - 1, &g);
	assert_non_null(d);
	assert_true(rg_validate(d, &g));
	rg_diags_free(&g);
	char *text = render(d, RG_TLP_NONE);
	cJSON *b = cJSON_Parse(text);
	/* the sender (written in Unicode) and the artifact meet in one A-label email-addr */
	cJSON *from = find_carrier(b, "user@xn--bcher-kva.example", true);
	assert_non_null(from);
	assert_null(find_carrier(b,
	                         "user@b\xc3\xbc"
	                         "cher.example",
	                         true));
	assert_true(pattern_has(b, "user@b\xc3\xbc"
	                           "cher.example"));
	/* email fields are refanged; a URL with a blank is percent-encoded */
	assert_non_null(find_carrier(b, "mateo@letsdefend.io", true));
	assert_non_null(find_carrier(b, "https://evil.example/a%20b", true));
	/* socket to an IDN host, UNC path, PowerShell hive, attachment hash in lower case */
	assert_non_null(find_carrier(b, "xn--bcher-kva.example", true));
	assert_non_null(find_carrier(b, "\\\\server\\share", true));
	assert_non_null(find_carrier(b, "HKEY_LOCAL_MACHINE\\Software\\X", true));
	assert_non_null(find_carrier(b, "d41d8cd98f00b204e9800998ecf8427e", true));
	assert_true(pattern_has(b, "quote ' and \\ backslash"));
	cJSON *o;
	size_t techniques = 0;
	cJSON_ArrayForEach(o, objects(b))
	{
		const char *type = str(o, "type");
		techniques += strcmp(type, "attack-pattern") == 0;
		if (strcmp(type, "vulnerability") == 0) {
			assert_string_equal(str(o, "name"), "CVE-2024-100001");
			cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "external_references"),
			                              0);
			assert_string_equal(str(r, "source_name"), "cve");
			assert_string_equal(str(r, "external_id"), "CVE-2024-100001");
		}
		if (strcmp(type, "incident") == 0) /* fact values are refanged like addresses */
			assert_non_null(strstr(str(o, "description"),
			                       "SLA: 4h\nC2: http://c2.example/gate"));
		if (strcmp(type, "report") == 0) {
			cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "external_references"),
			                              0);
			assert_string_equal(str(r, "url"), "https://example.com/x");
		}
		check_no_empty(o, str(o, "id"));
	}
	assert_int_equal(techniques, 2); /* T1566 three times (once by name), T9999 */
	if (have_validator()) {
		tu_spit("test_stix2_edge.stix.json", text);
		validate("test_stix2_edge.stix.json");
		free(text);
		text = render(d, RG_TLP_AMBER);
		tu_spit("test_stix2_edge_amber.stix.json", text);
		validate("test_stix2_edge_amber.stix.json");
	}
	cJSON_Delete(b);
	free(text);
	rg_doc_free(d);
}

/* Every STIX 2.1 golden, tests/golden/NAME.stix.json (test_golden compares them with the
 * exports), is a valid bundle. */
static void test_golden_validate(void **state)
{
	(void)state;
	if (!have_validator())
		return;
	const char *dir = RG_SOURCE_DIR "/tests/golden";
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	struct dirent *e;
	size_t n = 0;
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		n += len > 10 && strcmp(e->d_name + len - 10, ".stix.json") == 0;
	}
	closedir(dp);
	assert_true(n > 0);
	validate_all("'" RG_SOURCE_DIR "/tests/golden'/*.stix.json");
}

/* Every example of the repository and the shared seed exports a valid bundle. */
static void test_examples_validate(void **state)
{
	(void)state;
	if (!have_validator())
		return;
	const char *dirs[] = {RG_SOURCE_DIR "/examples", RG_SOURCE_DIR "/../shared/examples"};
	size_t n = 0;
	tu_fresh_dir("test_stix2_examples");
	for (size_t k = 0; k < 2; k++) {
		DIR *dir = opendir(dirs[k]);
		if (dir == NULL) {
			print_message("SKIP: %s not found\n", dirs[k]);
			continue;
		}
		struct dirent *e;
		while ((e = readdir(dir)) != NULL) {
			size_t len = strlen(e->d_name);
			if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
				continue;
			char path[4096], out[4096];
			snprintf(path, sizeof(path), "%s/%s", dirs[k], e->d_name);
			snprintf(out, sizeof(out), "test_stix2_examples/%zu_%.*s.stix.json", k,
			         (int)(len - 5), e->d_name);
			struct rg_doc *d = load(path);
			if (d == NULL)
				fail_msg("%s is not a valid incident", path);
			char *text = render(d, RG_TLP_NONE);
			tu_spit(out, text);
			free(text);
			rg_doc_free(d);
			n++;
		}
		closedir(dir);
	}
	assert_true(n > 0);
	validate_all("test_stix2_examples/*.stix.json");
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t count_type(cJSON *bundle, const char *type, const char *rel)
{
	size_t n = 0;
	cJSON *o;
	cJSON_ArrayForEach(o, objects(bundle)) n +=
	        strcmp(str(o, "type"), type) == 0 &&
	        (rel == NULL || strcmp(str(o, "relationship_type"), rel) == 0);
	return n;
}

/* Many artifacts, emails, duplicate techniques and one email with many recipients, with
 * --max-tlp: attack-patterns are one per technique id, each artifact's indicator indicates
 * the one technique it names, every look-up is indexed, and withheld values stay out of
 * email links. */
static void test_large(void **state)
{
	(void)state;
	enum { N = 10000, TO = 40000 };
	struct rg_doc *d = fixture();
	struct rg_arena *a = d->arena;
	d->file = "large.yaml";
	d->report.id = tx("large");
	d->nartifacts = N;
	d->artifacts = rg_arena_alloc(a, N * sizeof(struct rg_artifact));
	d->nemails = N;
	d->emails = rg_arena_alloc(a, N * sizeof(struct rg_email));
	d->nmitre = N;
	d->mitre = rg_arena_alloc(a, N * sizeof(struct rg_technique));
	for (size_t i = 0; i < N; i++) {
		struct rg_artifact *x = &d->artifacts[i];
		x->refanged = rg_arena_printf(a, "http://x%zu.example/", i % (N / 2));
		x->value = tx(x->refanged);
		x->type = RG_IOC_URL;
		x->disposition = RG_DISP_MALICIOUS;
		x->tlp = i % 4 == 3 ? RG_TLP_RED : RG_TLP_NONE;
		struct rg_email *e = &d->emails[i];
		e->from = tx(rg_arena_printf(a, "a%zu@x.example", i));
		e->urls = texts1(a, rg_arena_printf(a, "http://x%zu.example/", i));
		e->verdict = i % 2 ? RG_DISP_SUSPICIOUS : RG_DISP_UNKNOWN;
		d->mitre[i].technique = tx(rg_arena_printf(a, "T%04zu", i % (N / 2)));
		x->techniques = texts1(a, rg_arena_printf(a, "T%04zu", i % (N / 2)));
	}
	struct rg_texts *to = &d->emails[0].to; /* every address twice */
	*to = (struct rg_texts){rg_arena_alloc(a, TO * sizeof(struct rg_text)), TO, {1, 1}};
	for (size_t i = 0; i < TO; i++)
		to->v[i] = tx(rg_arena_printf(a, "r%zu@y.example", i % (TO / 2)));
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_render_opts opts = {.export_text = RG_EXPORT_TEXT_ALL,
	                              .max_tlp = RG_TLP_AMBER,
	                              .epoch = 0,
	                              .diags = &diags};
	double t0 = now();
	assert_int_equal(format_stix2.render(d, &opts, fp), 0);
	fclose(fp);
	double secs = now() - t0;
	printf("stix2: %d artifacts, emails and techniques in %.2f s, %zu bytes\n", N, secs, len);
	assert_true(secs < 60);
	/* value v is carried by artifacts v and v + N/2: withheld when either is red */
	size_t kept = 0;
	for (size_t v = 0; v < N / 2; v++)
		kept += !(v % 4 == 3 || (v + N / 2) % 4 == 3);
	assert_int_equal(diags.n, 0);
	cJSON *b = cJSON_Parse(buf);
	assert_non_null(b);
	assert_int_equal(count_type(b, "attack-pattern", NULL), N / 2);
	assert_int_equal(count_type(b, "relationship", "uses"), N / 2);
	assert_int_equal(count_type(b, "relationship", "indicates"), kept);
	assert_int_equal(count_type(b, "indicator", NULL), kept + N / 2);
	assert_int_equal(count_type(b, "url", NULL), N - (N / 2 - kept));
	assert_int_equal(count_type(b, "email-addr", NULL), N + TO / 2);
	assert_null(find_carrier(b, "http://x3.example/", true));
	assert_non_null(find_carrier(b, "http://x4.example/", true));
	cJSON *o, *first = NULL;
	cJSON_ArrayForEach(
	        o, objects(b)) if (first == NULL && strcmp(str(o, "type"), "observed-data") == 0 &&
	                           cJSON_GetArraySize(cJSON_GetObjectItem(o, "object_refs")) > 3)
	        first = o;
	assert_non_null(first); /* message, sender, recipients once each, link */
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(first, "object_refs")), 3 + TO / 2);
	cJSON_Delete(b);
	free(buf);
	rg_diags_free(&diags);
	fixture_free(d);
}

/* A bundle that cannot be written (a full disk) is a system failure with its diagnostic. */
static void test_write_failure(void **state)
{
	(void)state;
	FILE *fp = fopen("/dev/full", "w");
	if (fp == NULL)
		skip();
	struct rg_doc *d = fixture();
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_render_opts opts = {.export_text = RG_EXPORT_TEXT_ALL,
	                              .max_tlp = RG_TLP_NONE,
	                              .epoch = 0,
	                              .diags = &diags};
	assert_int_equal(format_stix2.render(d, &opts, fp), 3);
	fclose(fp);
	assert_int_equal(diags.n, 1);
	assert_int_equal(diags.v[0].code, RG_F_IO);
	assert_string_equal(diags.v[0].message,
	                    "cannot write the STIX 2.1 bundle: No space left on device");
	rg_diags_free(&diags);
	fixture_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_uuid5_and_sco_ids),
	        cmocka_unit_test(test_pattern_quote),
	        cmocka_unit_test(test_every_artifact_has_its_object),
	        cmocka_unit_test(test_techniques),
	        cmocka_unit_test(test_markings),
	        cmocka_unit_test(test_benign_are_observations),
	        cmocka_unit_test(test_patterns_well_formed),
	        cmocka_unit_test(test_max_tlp_drops),
	        cmocka_unit_test(test_no_null_no_empty),
	        cmocka_unit_test(test_deterministic),
	        cmocka_unit_test(test_validator_fixture),
	        cmocka_unit_test(test_seed_example),
	        cmocka_unit_test(test_edge_cases),
	        cmocka_unit_test(test_refang_non_idn),
	        cmocka_unit_test(test_url_normalised),
	        cmocka_unit_test(test_objects),
	        cmocka_unit_test(test_evidence_times),
	        cmocka_unit_test(test_examples_validate),
	        cmocka_unit_test(test_golden_validate),
	        cmocka_unit_test(test_large),
	        cmocka_unit_test(test_write_failure),
	        cmocka_unit_test(test_without_spill),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* stix1_fixture.h: a hand-built incident covering every artifact type, emails with
 * attachments, techniques, assets, timeline, references and courses of action. */
#ifndef STIX1_FIXTURE_H
#define STIX1_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>

#include "reportgen.h"
/* ------------------------------------------------------------------ */
/* Hand-built documents                                                */
/* ------------------------------------------------------------------ */

static struct rg_text txt(const char *s)
{
	return (struct rg_text){s, {1, 1}};
}

static struct rg_time tm(int64_t utc, enum rg_time_prec prec)
{
	return (struct rg_time){.prec = prec, .has_offset = true, .utc = utc, .raw = "t"};
}

static struct rg_texts texts(struct rg_arena *a, size_t n, const char *const *v)
{
	struct rg_texts t = {rg_arena_alloc(a, (n + 1) * sizeof(struct rg_text)), n, {1, 1}};
	for (size_t i = 0; i < n; i++)
		t.v[i] = txt(v[i]);
	return t;
}

struct art_spec {
	enum rg_ioc_type type;
	const char *value;
	enum rg_disposition disp;
	enum rg_tlp tlp;
};

/* Every artifact type, with dispositions of every kind. */
static const struct art_spec all_artifacts[] = {
        {RG_IOC_IPV4, "45.33.23.183", RG_DISP_MALICIOUS, 0},
        {RG_IOC_IPV6, "2001:db8::1", RG_DISP_SUSPICIOUS, 0},
        {RG_IOC_CIDR, "10.0.0.0/8", RG_DISP_BENIGN, 0},
        {RG_IOC_DOMAIN, "letsdefwnd.io", RG_DISP_MALICIOUS, 0},
        {RG_IOC_HOSTNAME, "mail.mailerhost.net", RG_DISP_SUSPICIOUS, 0},
        {RG_IOC_URL, "http://letsdefwnd.io/login?a=1&b=<2>", RG_DISP_MALICIOUS, 0},
        {RG_IOC_URI_PATH, "/wp-admin/x.php", RG_DISP_UNKNOWN, 0},
        {RG_IOC_EMAIL, "voucher@letsdefwnd.io", RG_DISP_MALICIOUS, 0},
        {RG_IOC_MD5, "d41d8cd98f00b204e9800998ecf8427e", RG_DISP_MALICIOUS, 0},
        {RG_IOC_SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709", RG_DISP_MALICIOUS, 0},
        {RG_IOC_SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         RG_DISP_MALICIOUS, 0},
        {RG_IOC_SHA512,
         "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d28"
         "77eec2f63b931bd47417a81a538327af927da3e",
         RG_DISP_SUSPICIOUS, 0},
        {RG_IOC_SSDEEP, "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", RG_DISP_MALICIOUS, 0},
        {RG_IOC_FILENAME, "invoice.pdf.exe", RG_DISP_MALICIOUS, 0},
        {RG_IOC_FILEPATH, "C:\\Users\\mateo\\AppData\\evil.dll", RG_DISP_MALICIOUS, 0},
        {RG_IOC_REGISTRY, "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
         RG_DISP_SUSPICIOUS, 0},
        {RG_IOC_PROCESS, "chrome.exe", RG_DISP_BENIGN, 0},
        {RG_IOC_USER, "test@letsdefend.io", RG_DISP_UNKNOWN, 0},
        {RG_IOC_USER_AGENT, "Mozilla/5.0 (evil)", RG_DISP_SUSPICIOUS, 0},
        {RG_IOC_PORT, "443/tcp", RG_DISP_BENIGN, 0},
        {RG_IOC_SOCKET, "45.33.23.183:443", RG_DISP_MALICIOUS, 0},
        {RG_IOC_SOCKET, "[2001:db8::2]:8443", RG_DISP_MALICIOUS, 0},
        {RG_IOC_SOCKET, "c2.example.net:4444", RG_DISP_MALICIOUS, 0},
        {RG_IOC_ASN, "AS63949", RG_DISP_UNKNOWN, 0},
        {RG_IOC_CVE, "CVE-2023-23397", RG_DISP_MALICIOUS, 0},
        {RG_IOC_MAC, "00:1a:2b:3c:4d:5e", RG_DISP_BENIGN, 0},
        {RG_IOC_STRING, "evil \x01 marker", RG_DISP_SUSPICIOUS, 0},
        {RG_IOC_DOMAIN, "secret.example", RG_DISP_MALICIOUS, RG_TLP_RED},
        {RG_IOC_DOMAIN, "bücher.example", RG_DISP_MALICIOUS, RG_TLP_AMBER},
        {RG_IOC_DOMAIN, "letsdefwnd.io", RG_DISP_MALICIOUS, 0},       /* duplicate */
        {RG_IOC_IPV6, "2001:db8::1", RG_DISP_SUSPICIOUS, RG_TLP_RED}, /* stricter duplicate */
};
#define NALL (sizeof(all_artifacts) / sizeof(all_artifacts[0]))

static void full_artifacts(struct rg_doc *d)
{
	d->nartifacts = NALL;
	d->artifacts = rg_arena_alloc(d->arena, NALL * sizeof(struct rg_artifact));
	for (size_t i = 0; i < NALL; i++) {
		struct rg_artifact *a = &d->artifacts[i];
		a->value = txt(all_artifacts[i].value);
		a->refanged = all_artifacts[i].value;
		a->type = all_artifacts[i].type;
		a->disposition = all_artifacts[i].disp;
		a->tlp = all_artifacts[i].tlp;
	}
	d->artifacts[0].comment = txt("C2 traffic **accessed**");
	d->artifacts[0].intel = txt("3/95 vendors flag it");
	d->artifacts[0].first_seen = tm(1726623133, RG_TIME_SECOND);
	d->artifacts[0].tags = texts(d->arena, 2, (const char *const[]){"c2", "linode"});
	/* what two artifacts evidence (techniques:), by id in any case and by name */
	d->artifacts[0].techniques = texts(d->arena, 1, (const char *const[]){"t1598.003"});
	d->artifacts[3].techniques =
	        texts(d->arena, 2, (const char *const[]){"T1566", "Impersonation"});
	d->artifacts[28].idn_ascii = "xn--bcher-kva.example";
	d->artifacts[28].idn_unicode = "bücher.example";
	d->artifacts[3].nrelated = 1;
	d->artifacts[3].related = rg_arena_alloc(d->arena, sizeof(struct rg_related));
	d->artifacts[3].related[0] = (struct rg_related){{1, 1},
	                                                 txt("45.33.23.183"),
	                                                 txt("resolves-to"),
	                                                 RG_REL_RESOLVES_TO,
	                                                 &d->artifacts[0]};
}

static void full_mitre(struct rg_doc *d)
{
	static const char *const rows[][7] = {
	        {"T1598.003", "Phishing for Information: Spearphishing Link", "Reconnaissance",
	         "TA0043", "reconnaissance", "1", "https://attack.mitre.org/techniques/T1598/003"},
	        {"T1566", "Phishing", "Initial Access", "TA0001", "initial-access", "3",
	         "https://attack.mitre.org/techniques/T1566"},
	        {"T1656", "Impersonation", "Defense Evasion", "TA0005", "defense-evasion", "7",
	         "https://attack.mitre.org/techniques/T1656"},
	};
	d->nmitre = 3;
	d->mitre = rg_arena_alloc(d->arena, 3 * sizeof(struct rg_technique));
	d->mitre_sorted = rg_arena_alloc(d->arena, 3 * sizeof(*d->mitre_sorted));
	for (size_t i = 0; i < 3; i++) {
		struct rg_technique *t = &d->mitre[i];
		t->technique = txt(rows[i][0]);
		t->id = rows[i][0];
		t->full_name = rows[i][1];
		t->tactic_name = rows[i][2];
		t->tactic_id = rows[i][3];
		t->tactic_short = rows[i][4];
		t->tactic_order = atoi(rows[i][5]);
		t->url = rows[i][6];
		d->mitre_sorted[i] = t;
	}
	d->mitre[1].comment = txt("Email with a *link*");
}

static void full_emails(struct rg_doc *d)
{
	d->nemails = 2;
	d->emails = rg_arena_alloc(d->arena, 2 * sizeof(struct rg_email));
	struct rg_email *e = &d->emails[0];
	e->from = txt("voucher@letsdefwnd[.]io");
	e->to = texts(d->arena, 1, (const char *const[]){"mateo@letsdefend.io"});
	e->cc = texts(d->arena, 2, (const char *const[]){"a@letsdefend.io", "secret.example"});
	e->urls = texts(d->arena, 2,
	                (const char *const[]){"hxxp://letsdefwnd.io/login?a=1&b=<2>",
	                                      "http://other.example/x"});
	e->subject = txt("Free voucher & more");
	e->message_id = txt("<abc@letsdefwnd.io>");
	e->smtp_ip = txt("45.33.23[.]183");
	e->date = tm(1726646400, RG_TIME_SECOND);
	e->verdict = RG_DISP_MALICIOUS;
	e->techniques = texts(d->arena, 1, (const char *const[]){"Phishing"});
	e->body = txt("Offers a **free voucher**.");
	e->nattachments = 2;
	e->attachments = rg_arena_alloc(d->arena, 2 * sizeof(struct rg_attachment));
	e->attachments[0] = (struct rg_attachment){
	        .pos = {1, 1},
	        .name = txt("voucher.pdf"),
	        .sha256 = txt("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
	        .md5 = txt("d41d8cd98f00b204e9800998ecf8427e"),
	        .size = txt("1234")};
	e->attachments[1] =
	        (struct rg_attachment){.pos = {1, 1},
	                               .name = txt("readme.txt"),
	                               .sha1 = txt("da39a3ee5e6b4b0d3255bfef95601890afd80709")};
	d->emails[1].from = txt("newsletter@benign.example");
	d->emails[1].verdict = RG_DISP_BENIGN;
	d->emails[1].urls = texts(d->arena, 1, (const char *const[]){"http://other.example/x"});
}

static void full_response(struct rg_doc *d)
{
	d->nassets = 2;
	d->assets = rg_arena_alloc(d->arena, 2 * sizeof(struct rg_asset));
	d->assets[0].name = txt("Mateo");
	d->assets[0].kind = RG_KIND_HOST;
	d->assets[0].ip = texts(d->arena, 1, (const char *const[]){"172.16.17.162"});
	d->assets[0].os = txt("Windows 10");
	d->assets[0].role = txt("client");
	d->assets[0].status = RG_ASTATUS_COMPROMISED;
	d->assets[1].name = txt("test@letsdefend.io");
	d->assets[1].kind = RG_KIND_ACCOUNT;
	d->containment.nactions = 2;
	d->containment.actions = rg_arena_alloc(d->arena, 2 * sizeof(struct rg_action));
	d->containment.actions[0] = (struct rg_action){.action = txt("Host **contained**"),
	                                               .target = txt("Mateo"),
	                                               .by = txt("SOC T1"),
	                                               .time = tm(1726670000, RG_TIME_MINUTE),
	                                               .status = RG_ASTAT_DONE};
	d->containment.actions[1] = (struct rg_action){
	        .action = txt("Block letsdefwnd.io at the proxy"), .status = RG_ASTAT_PLANNED};
	d->ntimeline = 2;
	d->timeline = rg_arena_alloc(d->arena, 2 * sizeof(struct rg_event));
	d->timeline[0] = (struct rg_event){.time = tm(1726646400, RG_TIME_SECOND),
	                                   .event = txt("Email **sent**"),
	                                   .asset = txt("Mateo")};
	d->timeline[1] =
	        (struct rg_event){.event = txt("CTI reports the account"), .source = txt("CTI")};
	d->nreferences = 2;
	d->references = rg_arena_alloc(d->arena, 2 * sizeof(struct rg_reference));
	d->references[0] = (struct rg_reference){.title = txt("Playbook"),
	                                         .url = txt("hxxps://app.letsdefend[.]io/"),
	                                         .comment = txt("*internal*")};
	d->references[1] = (struct rg_reference){.title = txt("Ticket SOC-1234")};
	d->nremediation = 2;
	d->remediation = rg_arena_alloc(d->arena, 2 * sizeof(struct rg_remediation));
	d->remediation[0] = (struct rg_remediation){
	        .action = txt("Reset the credentials of test@letsdefend.io")};
	d->remediation[1] = (struct rg_remediation){.is_action = true,
	                                            .action = txt("Enforce MFA"),
	                                            .owner = txt("IT"),
	                                            .due = tm(1727740800, RG_TIME_DATE),
	                                            .status = RG_ASTAT_DONE};
}

/* A validated-looking document covering every artifact type, emails with attachments,
 * techniques, assets and courses of action. */
static struct rg_doc *full_doc(void)
{
	struct rg_doc *d = calloc(1, sizeof(*d));
	d->arena = rg_arena_new();
	d->file = "full.yaml";
	d->version = 1;
	d->report.id = txt("304");
	d->report.title = txt("Official Incident Report");
	d->report.author = txt("SOC Tier 1 Analyst");
	d->report.organization = txt("LetsDefend");
	d->report.ticket = txt("SOC-1234");
	d->report.tlp = RG_TLP_GREEN;
	d->report.status = RG_STATUS_CONTAINED;
	d->report.severity = RG_LEVEL_HIGH;
	d->report.verdict = RG_VERDICT_TRUE_POSITIVE;
	d->report.date = tm(1726574700, RG_TIME_SECOND);
	d->alert.present = true;
	d->alert.rule = txt("SOC326 - Impersonating Domain MX Record Change Detected");
	d->alert.type = txt("Malware");
	d->alert.time = tm(1726574700, RG_TIME_SECOND);
	d->summary = txt("The host **Mateo** opened <http://letsdefwnd.io>.\n\nIt was isolated.");
	full_artifacts(d);
	full_mitre(d);
	full_emails(d);
	full_response(d);
	return d;
}

static void full_free(struct rg_doc *d)
{
	rg_arena_free(d->arena);
	free(d);
}

#endif

/* test_ioc.c: refang, defang, type inference and per-type checks of indicator values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ioc.h"

static int setup(void **state)
{
	*state = rg_arena_new();
	return 0;
}

static int teardown(void **state)
{
	rg_arena_free(*state);
	return 0;
}

struct infer_case {
	const char *value;
	enum rg_ioc_type type;
};

static void test_infer_table(void **state)
{
	(void)state;
	static const struct infer_case cases[] = {
	        {"http://letsdefwnd.io", RG_IOC_URL},
	        {"https://example.com/a?b=c#d", RG_IOC_URL},
	        {"ftp://files.example.net/x.zip", RG_IOC_URL},
	        {"smb://10.0.0.5/share", RG_IOC_URL},
	        {"voucher@letsdefwnd.io", RG_IOC_EMAIL},
	        {"first.last@sub.example.co.uk", RG_IOC_EMAIL},
	        {"user@localhost", RG_IOC_STRING},
	        {"mailto:user@example.com", RG_IOC_STRING},
	        {"<user@example.com>", RG_IOC_STRING},
	        {"o'brien+tag@example.com", RG_IOC_EMAIL},
	        {"45.33.23.183:443", RG_IOC_SOCKET},
	        {"[2001:db8::1]:8443", RG_IOC_SOCKET},
	        {"c2.example.com:8080", RG_IOC_SOCKET},
	        {"12:30", RG_IOC_STRING},
	        {"45.33.23.183", RG_IOC_IPV4},
	        {"169.254.169.254", RG_IOC_IPV4},
	        {"256.1.1.1", RG_IOC_STRING},
	        {"01.2.3.4", RG_IOC_STRING},
	        {"2001:db8::1", RG_IOC_IPV6},
	        {"::1", RG_IOC_IPV6},
	        {"fe80::1:2:3:4", RG_IOC_IPV6},
	        {"10.0.0.0/8", RG_IOC_CIDR},
	        {"2001:db8::/32", RG_IOC_CIDR},
	        {"10.0.0.0/33", RG_IOC_STRING},
	        {"00:1a:2b:3c:4d:5e", RG_IOC_MAC},
	        {"00-1A-2B-3C-4D-5E", RG_IOC_MAC},
	        {"001a.2b3c.4d5e", RG_IOC_MAC},
	        {"00:1a-2b:3c:4d:5e", RG_IOC_STRING},
	        {"d41d8cd98f00b204e9800998ecf8427e", RG_IOC_MD5},
	        {"da39a3ee5e6b4b0d3255bfef95601890afd80709", RG_IOC_SHA1},
	        {"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", RG_IOC_SHA256},
	        {"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	         "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
	         RG_IOC_SHA512},
	        {"d41d8cd98f00b204e9800998ecf8427", RG_IOC_STRING},
	        {"3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", RG_IOC_SSDEEP},
	        {"96:s4Ud1Lj96tHHlZDrwciQmA:s4Ud1Lj96tHHlZDrwciQmA,\"a.exe\"", RG_IOC_SSDEEP},
	        {"CVE-2021-44228", RG_IOC_CVE},
	        {"cve-2024-3094", RG_IOC_CVE},
	        {"CVE-21-44228", RG_IOC_STRING},
	        {"AS13335", RG_IOC_ASN},
	        {"AS", RG_IOC_STRING},
	        {"HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", RG_IOC_REGISTRY},
	        {"HKEY_CURRENT_USER\\Software\\Classes", RG_IOC_REGISTRY},
	        {"HKCU:\\Environment", RG_IOC_REGISTRY},
	        {"HKU", RG_IOC_REGISTRY},
	        {"HKLMX\\foo", RG_IOC_STRING},
	        {"C:\\Users\\Public\\evil.exe", RG_IOC_FILEPATH},
	        {"c:/temp/a b.txt", RG_IOC_FILEPATH},
	        {"\\\\fileserver\\share\\x.lnk", RG_IOC_FILEPATH},
	        {"/tmp/.x/kinsing", RG_IOC_FILEPATH},
	        {"invoice.pdf.exe", RG_IOC_FILENAME},
	        {"Payload.PS1", RG_IOC_FILENAME},
	        {"archive.7z", RG_IOC_FILENAME},
	        {"update.zip", RG_IOC_FILENAME},
	        {"my report.docx", RG_IOC_FILENAME},
	        {"evil.com", RG_IOC_DOMAIN},
	        {"letsdefwnd.io", RG_IOC_DOMAIN},
	        {"mail.mailerhost.net", RG_IOC_DOMAIN},
	        {"xn--80ak6aa92e.com", RG_IOC_DOMAIN},
	        {"\xd1\x80\xd0\xb0\xd1\x83\xd1\x80\xd0\xb0l.com", RG_IOC_DOMAIN},
	        {"b\xc3\xbc"
	         "cher.de",
	         RG_IOC_DOMAIN},
	        {"localhost", RG_IOC_STRING},
	        {"-bad-.com", RG_IOC_STRING},
	        {"1.2.3", RG_IOC_STRING},
	        {"chrome.exe --no-sandbox", RG_IOC_STRING},
	        {"Mozilla/5.0 (Windows NT 10.0)", RG_IOC_STRING},
	        {"443", RG_IOC_STRING},
	        {"Mateo", RG_IOC_STRING},
	        {"", RG_IOC_STRING},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum rg_ioc_type got = ioc_infer(cases[i].value);
		if (got != cases[i].type)
			fail_msg("%s: inferred %s, expected %s", cases[i].value,
			         rg_ioc_type_names[got], rg_ioc_type_names[cases[i].type]);
	}
}

static void test_refang(void **state)
{
	struct rg_arena *a = *state;
	assert_string_equal(ioc_refang(a, "letsdefwnd[.]io"), "letsdefwnd.io");
	assert_string_equal(ioc_refang(a, "hxxp://letsdefwnd[.]io/"), "http://letsdefwnd.io/");
	assert_string_equal(ioc_refang(a, "hxxps[:]//evil(.)example{.}com"),
	                    "https://evil.example.com");
	assert_string_equal(ioc_refang(a, "HXXPS[://]a[dot]b"), "https://a.b");
	assert_string_equal(ioc_refang(a, "fxp://x[.]y"), "ftp://x.y");
	assert_string_equal(ioc_refang(a, "voucher[@]letsdefwnd[.]io"), "voucher@letsdefwnd.io");
	assert_string_equal(ioc_refang(a, "voucher[at]letsdefwnd(DOT)io"), "voucher@letsdefwnd.io");
	assert_string_equal(ioc_refang(a, "45[.]33[.]23[.]183[:]443"), "45.33.23.183:443");
	assert_string_equal(ioc_refang(a, "http:[/][/]x.y"), "http://x.y");
	assert_string_equal(ioc_refang(a, "  evil.com \n"), "evil.com");
	/* nothing to do, or only look-alikes */
	assert_string_equal(ioc_refang(a, "[2001:db8::1]:443"), "[2001:db8::1]:443");
	assert_string_equal(ioc_refang(a, "hxxpd"), "hxxpd");
	assert_string_equal(ioc_refang(a, "hxxps[.]r[.]dd"), "hxxps.r.dd");
	assert_string_equal(ioc_refang(a, "hxxp(:)//a.b"), "http://a.b");
	assert_string_equal(ioc_refang(a, "a[.b"), "a[.b");
	assert_string_equal(ioc_refang(a, "a[."), "a[.");
	assert_string_equal(ioc_refang(a, ""), "");
}

static void test_defang(void **state)
{
	struct rg_arena *a = *state;
	assert_string_equal(ioc_defang(a, "http://letsdefwnd.io/a.php?x=1.2", RG_IOC_URL),
	                    "hxxp://letsdefwnd[.]io/a.php?x=1.2");
	assert_string_equal(ioc_defang(a, "https://user@evil.example.com:8443", RG_IOC_URL),
	                    "hxxps://user[@]evil[.]example[.]com:8443");
	assert_string_equal(ioc_defang(a, "FTP://x.y/z", RG_IOC_URL), "fxp://x[.]y/z");
	assert_string_equal(ioc_defang(a, "smb://10.0.0.5/s", RG_IOC_URL),
	                    "smb://10[.]0[.]0[.]5/s");
	assert_string_equal(ioc_defang(a, "first.last@letsdefwnd.io", RG_IOC_EMAIL),
	                    "first.last[@]letsdefwnd[.]io");
	assert_string_equal(ioc_defang(a, "45.33.23.183", RG_IOC_IPV4), "45[.]33[.]23[.]183");
	assert_string_equal(ioc_defang(a, "45.33.23.183:443", RG_IOC_SOCKET),
	                    "45[.]33[.]23[.]183:443");
	assert_string_equal(ioc_defang(a, "10.0.0.0/8", RG_IOC_CIDR), "10[.]0[.]0[.]0/8");
	assert_string_equal(ioc_defang(a, "2001:db8::1", RG_IOC_IPV6), "2001:db8::1");
	assert_string_equal(ioc_defang(a, "mail.mailerhost.net", RG_IOC_DOMAIN),
	                    "mail[.]mailerhost[.]net");
	assert_string_equal(ioc_defang(a, "ws.corp", RG_IOC_HOSTNAME), "ws[.]corp");
	assert_string_equal(ioc_defang(a, "invoice.pdf.exe", RG_IOC_FILENAME), "invoice.pdf.exe");
	assert_string_equal(ioc_defang(a, "d41d8cd98f00b204e9800998ecf8427e", RG_IOC_MD5),
	                    "d41d8cd98f00b204e9800998ecf8427e");
}

static void test_round_trip(void **state)
{
	struct rg_arena *a = *state;
	static const char *const values[] = {
	        "http://letsdefwnd.io/",
	        "https://a.b.c:8443/x.y?z=1#w",
	        "ftp://u@files.example.net/",
	        "voucher@letsdefwnd.io",
	        "45.33.23.183",
	        "45.33.23.183:443",
	        "10.0.0.0/8",
	        "mail.mailerhost.net",
	        "[2001:db8::1]:443",
	        "2001:db8::1",
	        "\xd1\x80\xd0\xb0\xd1\x83\xd1\x80\xd0\xb0l.com",
	        "hxxps.example.com",
	};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		enum rg_ioc_type t = ioc_infer(values[i]);
		const char *d = ioc_defang(a, values[i], t);
		if (strpbrk(values[i], ".@") != NULL)
			assert_string_not_equal(d, values[i]);
		assert_null(strstr(d, "http"));
		assert_string_equal(ioc_refang(a, d), values[i]);
		/* the defanged form infers to the same type once refanged */
		assert_int_equal(ioc_infer(ioc_refang(a, d)), t);
	}
}

static void test_idn(void **state)
{
	struct rg_arena *a = *state;
	const char *ascii, *uni;
	/* "paypal.com" written with Cyrillic letters: a homoglyph of the real domain */
	const char *homoglyph = "\xd1\x80\xd0\xb0\xd1\x83\xd1\x80\xd0\xb0l.com";
	assert_null(ioc_check(a, RG_IOC_DOMAIN, homoglyph, &ascii, &uni));
	assert_string_equal(ascii, "xn--l-7sba6dbr.com");
	assert_string_equal(uni, homoglyph);
	/* the ASCII form decodes back */
	assert_null(ioc_check(a, RG_IOC_DOMAIN, "xn--l-7sba6dbr.com", &ascii, &uni));
	assert_string_equal(ascii, "xn--l-7sba6dbr.com");
	assert_string_equal(uni, homoglyph);
	/* whole-value forms for URLs and email addresses */
	assert_null(ioc_check(a, RG_IOC_URL,
	                      "https://b\xc3\xbc"
	                      "cher.de:8080/p\xc3\xa4th",
	                      &ascii, &uni));
	assert_string_equal(ascii, "https://xn--bcher-kva.de:8080/p\xc3\xa4th");
	assert_string_equal(uni, "https://b\xc3\xbc"
	                         "cher.de:8080/p\xc3\xa4th");
	assert_null(ioc_check(a, RG_IOC_EMAIL,
	                      "info@b\xc3\xbc"
	                      "cher.de",
	                      &ascii, &uni));
	assert_string_equal(ascii, "info@xn--bcher-kva.de");
	/* plain ASCII domains have no IDN forms */
	assert_null(ioc_check(a, RG_IOC_DOMAIN, "example.com", &ascii, &uni));
	assert_null(ascii);
	assert_null(uni);
	/* invalid Punycode */
	assert_string_equal(ioc_check(a, RG_IOC_DOMAIN, "xn--zz.com", &ascii, &uni),
	                    "expected a domain name like example.com; got \"xn--zz.com\" "
	                    "(an xn-- label is not valid Punycode)");
	assert_non_null(ioc_check(a, RG_IOC_DOMAIN, "\xe2\x98\x83\xe2\x98\x83 .com", NULL, NULL));
}

struct check_case {
	enum rg_ioc_type type;
	const char *value;
	const char *message; /* NULL: the value fits */
};

static void test_check_table(void **state)
{
	struct rg_arena *a = *state;
	static const struct check_case cases[] = {
	        {RG_IOC_IPV4, "45.33.23.183", NULL},
	        {RG_IOC_IPV4, "45.33.23",
	         "expected an IPv4 address like 192.0.2.1; got \"45.33.23\""},
	        {RG_IOC_IPV6, "2001:db8::1", NULL},
	        {RG_IOC_IPV6, "2001:db8:::1",
	         "expected an IPv6 address like 2001:db8::1; got \"2001:db8:::1\""},
	        {RG_IOC_CIDR, "192.0.2.0/24", NULL},
	        {RG_IOC_CIDR, "192.0.2.0/40",
	         "expected an address block like 192.0.2.0/24 or 2001:db8::/32; "
	         "got \"192.0.2.0/40\" (the prefix length of an IPv4 block is 0-32)"},
	        {RG_IOC_CIDR, "2001:db8::/129",
	         "expected an address block like 192.0.2.0/24 or 2001:db8::/32; "
	         "got \"2001:db8::/129\" (the prefix length of an IPv6 block is 0-128)"},
	        {RG_IOC_DOMAIN, "letsdefwnd.io", NULL},
	        {RG_IOC_DOMAIN, "localhost",
	         "expected a domain name like example.com; got \"localhost\" "
	         "(a domain has at least two labels)"},
	        {RG_IOC_DOMAIN, "bad_name.com",
	         "expected a domain name like example.com; got \"bad_name.com\" "
	         "(labels hold letters, digits and inner hyphens only)"},
	        {RG_IOC_DOMAIN, "a..com",
	         "expected a domain name like example.com; got \"a..com\" (a label is empty)"},
	        {RG_IOC_DOMAIN, "1.2.3.4",
	         "expected a domain name like example.com; got \"1.2.3.4\" "
	         "(the last label is all digits)"},
	        {RG_IOC_HOSTNAME, "WS-042", NULL},
	        {RG_IOC_HOSTNAME, "mail.example.com", NULL},
	        {RG_IOC_URL, "http://letsdefwnd.io/", NULL},
	        {RG_IOC_URL, "http://[2001:db8::1]:8080/x", NULL},
	        {RG_IOC_URL, "http://192.0.2.1:80/", NULL},
	        {RG_IOC_URL, "http://intranet/", NULL},
	        {RG_IOC_URL, "file:///C:/x", NULL},
	        {RG_IOC_URL, "letsdefwnd.io/login",
	         "expected a URL like https://example.com/path; got "
	         "\"letsdefwnd.io/login\" (it has no scheme such as https://)"},
	        {RG_IOC_URL, "http:///x",
	         "expected a URL like https://example.com/path; got \"http:///x\" "
	         "(it has no host)"},
	        {RG_IOC_URL, "http://a.b/c d",
	         "expected a URL like https://example.com/path; got \"http://a.b/c d\" "
	         "(it holds a blank or control character)"},
	        {RG_IOC_URL, "http://a.b:99999/",
	         "expected a URL like https://example.com/path; got "
	         "\"http://a.b:99999/\" (the port is not a number 1-65535)"},
	        {RG_IOC_URI_PATH, "/wp-login.php?x=1", NULL},
	        {RG_IOC_URI_PATH, "wp-login.php",
	         "expected a URI path like /login.php?id=1; got \"wp-login.php\""},
	        {RG_IOC_EMAIL, "voucher@letsdefwnd.io", NULL},
	        {RG_IOC_EMAIL, "voucher.letsdefwnd.io",
	         "expected an email address like user@example.com; got "
	         "\"voucher.letsdefwnd.io\" (an address is local-part@domain)"},
	        {RG_IOC_EMAIL, "a b@c.de",
	         "expected an email address like user@example.com; got \"a b@c.de\" "
	         "(the local part holds a blank or control character)"},
	        {RG_IOC_EMAIL, "mailto:a@c.de",
	         "expected an email address like user@example.com; got \"mailto:a@c.de\" "
	         "(the local part holds a character that an address cannot have unquoted)"},
	        {RG_IOC_EMAIL, "a..b@c.de",
	         "expected an email address like user@example.com; got \"a..b@c.de\" "
	         "(a dot in the local part stands between two other characters)"},
	        {RG_IOC_EMAIL, "j\xc3\xb6rg@c.de", NULL},
	        {RG_IOC_MD5, "d41d8cd98f00b204e9800998ecf8427e", NULL},
	        {RG_IOC_MD5, "d41d8cd98f00b204e9800998ecf8427",
	         "expected an MD5 hash (32 hexadecimal digits); got "
	         "\"d41d8cd98f00b204e9800998ecf8427\" (it has the wrong length)"},
	        {RG_IOC_SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd8070g",
	         "expected a SHA-1 hash (40 hexadecimal digits); "
	         "got \"da39a3ee5e6b4b0d3255bfef95601890afd8070g\" "
	         "(it holds a character that is not a hexadecimal digit)"},
	        {RG_IOC_SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	         NULL},
	        {RG_IOC_SSDEEP, "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", NULL},
	        {RG_IOC_SSDEEP, "3:abc",
	         "expected an ssdeep hash like 3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C; got "
	         "\"3:abc\""},
	        {RG_IOC_FILENAME, "invoice.pdf.exe", NULL},
	        {RG_IOC_FILENAME, "C:\\x\\invoice.exe",
	         "expected a file name without a folder, like invoice.pdf.exe; "
	         "got \"C:\\\\x\\\\invoice.exe\""},
	        {RG_IOC_FILEPATH, "%APPDATA%\\Roaming\\x.exe", NULL},
	        {RG_IOC_FILEPATH, "x.exe",
	         "expected a file path like C:\\Users\\Public\\a.exe or /tmp/a.sh; got \"x.exe\""},
	        {RG_IOC_REGISTRY, "HKEY_LOCAL_MACHINE\\SYSTEM", NULL},
	        {RG_IOC_REGISTRY, "HKXX\\Run",
	         "expected a registry key under HKLM, HKCU, HKU, HKCR, HKCC or HKEY_...; "
	         "got \"HKXX\\\\Run\""},
	        {RG_IOC_PORT, "443", NULL},
	        {RG_IOC_PORT, "0", "expected a port number 1-65535; got \"0\""},
	        {RG_IOC_PORT, "65536", "expected a port number 1-65535; got \"65536\""},
	        {RG_IOC_SOCKET, "45.33.23.183:443", NULL},
	        {RG_IOC_SOCKET, "[::1]:22", NULL},
	        {RG_IOC_SOCKET, "ws-042:3389", NULL},
	        {RG_IOC_SOCKET, "45.33.23.183",
	         "expected address:port like 192.0.2.1:443, [2001:db8::1]:443 or "
	         "host.example.com:8080; got \"45.33.23.183\""},
	        {RG_IOC_ASN, "AS13335", NULL},
	        {RG_IOC_ASN, "AS99999999999",
	         "expected an AS number like AS13335; got \"AS99999999999\""},
	        {RG_IOC_CVE, "CVE-2021-44228", NULL},
	        {RG_IOC_CVE, "CVE-2021-442",
	         "expected a CVE id like CVE-2021-44228; got \"CVE-2021-442\""},
	        {RG_IOC_CVE, "CVE-2024-00001",
	         "expected a CVE id like CVE-2021-44228; got \"CVE-2024-00001\""},
	        {RG_IOC_CVE, "CVE-2024-0001", NULL},
	        {RG_IOC_CVE, "CVE-2024-100001", NULL},
	        {RG_IOC_MAC, "00:1a:2b:3c:4d:5e", NULL},
	        {RG_IOC_MAC, "00:1a:2b:3c:4d",
	         "expected a MAC address like 00:1a:2b:3c:4d:5e; got \"00:1a:2b:3c:4d\""},
	        {RG_IOC_PROCESS, "chrome.exe --type=renderer", NULL},
	        {RG_IOC_USER_AGENT, "Mozilla/5.0", NULL},
	        {RG_IOC_USER, "CORP\\mateo", NULL},
	        {RG_IOC_STRING, "anything at all", NULL},
	        {RG_IOC_STRING, "", "expected a non-empty value"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *m = ioc_check(a, cases[i].type, cases[i].value, NULL, NULL);
		if (cases[i].message == NULL && m != NULL)
			fail_msg("%s as %s: unexpected \"%s\"", cases[i].value,
			         rg_ioc_type_names[cases[i].type], m);
		if (cases[i].message != NULL && (m == NULL || strcmp(m, cases[i].message) != 0))
			fail_msg("%s as %s:\n got      %s\n expected %s", cases[i].value,
			         rg_ioc_type_names[cases[i].type], m ? m : "(accepted)",
			         cases[i].message);
	}
}

static void test_every_inferred_value_checks(void **state)
{
	struct rg_arena *a = *state;
	static const char *const values[] = {
	        "http://x.io",
	        "a@b.io",
	        "1.2.3.4:5",
	        "1.2.3.4",
	        "::1",
	        "1.0.0.0/8",
	        "00:11:22:33:44:55",
	        "d41d8cd98f00b204e9800998ecf8427e",
	        "3:a:b",
	        "CVE-2020-0001",
	        "AS1",
	        "HKLM",
	        "C:\\x",
	        "a.exe",
	        "a.io",
	        "whatever",
	};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		enum rg_ioc_type t = ioc_infer(values[i]);
		const char *m = ioc_check(a, t, values[i], NULL, NULL);
		if (m != NULL)
			fail_msg("%s inferred as %s but rejected: %s", values[i],
			         rg_ioc_type_names[t], m);
	}
}

static void test_hidden(void **state)
{
	(void)state;
	assert_int_equal(ioc_hidden_char("evil.com"), -1);
	assert_int_equal(ioc_hidden_char("b\xc3\xbc"
	                                 "cher.de"),
	                 -1);
	assert_int_equal(ioc_hidden_char("pay\xe2\x80\x8bpal.com"), 3);
	assert_string_equal(ioc_hidden_char_name("\xe2\x80\x8b"), "U+200B ZERO WIDTH SPACE");
	assert_int_equal(ioc_hidden_char("invoice\xe2\x80\xaegpj.exe"), 7);
	assert_string_equal(ioc_hidden_char_name("\xe2\x80\xae"), "U+202E RIGHT-TO-LEFT OVERRIDE");
	assert_int_equal(ioc_hidden_char("a\xe2\x81\xa6"
	                                 "b"),
	                 1);
	assert_int_equal(ioc_hidden_char("\xef\xbb\xbf"
	                                 "x"),
	                 0);
	assert_int_equal(ioc_hidden_char("soft\xc2\xad"
	                                 "hyphen"),
	                 4);
	assert_int_equal(ioc_hidden_char("\xe2\x80\x8a"), -1); /* hair space is visible enough */
	assert_int_equal(ioc_hidden_char("\xe2\x80"), -1);     /* truncated sequence */
}

static void test_quote(void **state)
{
	struct rg_arena *a = *state;
	assert_string_equal(ioc_quote(a, "a\"b\\c\n"), "\"a\\\"b\\\\c\\x0a\"");
	char longv[200];
	memset(longv, 'x', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	const char *q = ioc_quote(a, longv);
	assert_int_equal(strlen(q), 80 + 2 + 3);
	assert_string_equal(q + strlen(q) - 5, "x\"...");
}

/* The per-type table: out-of-range types read the RG_IOC_NONE row, and its columns agree. */
static void test_type_table(void **state)
{
	(void)state;
	assert_ptr_equal(ioc_type_info(RG_IOC__MAX), &ioc_types[RG_IOC_NONE]);
	assert_ptr_equal(ioc_type_info((enum rg_ioc_type) - 1), &ioc_types[RG_IOC_NONE]);
	assert_string_equal(ioc_type_info(RG_IOC_NONE)->cybox_kind, "Custom");
	assert_null(ioc_type_info(RG_IOC_CVE)->cybox_kind);
	for (int t = RG_IOC_NONE + 1; t < RG_IOC__MAX; t++) {
		const struct ioc_type_info *row = ioc_type_info((enum rg_ioc_type)t);
		assert_ptr_equal(row, &ioc_types[t]);
		/* a plain SCO has its key and path; a hash has a path and both hash names */
		assert_true((row->sco_type != NULL) == (row->sco_key != NULL));
		assert_true(row->sco_type == NULL || row->sco_path != NULL);
		assert_true((row->sco_hash != NULL) == (row->cybox_hash != NULL));
		assert_true(row->sco_hash == NULL ||
		            (row->sco_type == NULL && row->sco_path != NULL));
		assert_true((row->cybox_category != NULL) ==
		            (row->cybox_kind != NULL && strcmp(row->cybox_kind, "Address") == 0));
	}
	/* duplicates of hex digests, hosts and addresses are found whatever their case */
	static const enum rg_ioc_type nocase[] = {RG_IOC_DOMAIN, RG_IOC_HOSTNAME, RG_IOC_EMAIL,
	                                          RG_IOC_MD5,    RG_IOC_SHA1,     RG_IOC_SHA256,
	                                          RG_IOC_SHA512, RG_IOC_MAC,      RG_IOC_CVE,
	                                          RG_IOC_ASN,    RG_IOC_IPV6};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(nocase) / sizeof(nocase[0]); i++)
		assert_true(ioc_type_info(nocase[i])->nocase);
	for (int t = RG_IOC_NONE; t < RG_IOC__MAX; t++)
		n += ioc_type_info((enum rg_ioc_type)t)->nocase;
	assert_int_equal(n, sizeof(nocase) / sizeof(nocase[0])); /* ssdeep, paths, urls: exact */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_infer_table, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_refang, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_defang, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_idn, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_check_table, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_every_inferred_value_checks, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hidden, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_quote, setup, teardown),
	        cmocka_unit_test(test_type_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* ioc_types.c: the one table of what each indicator type is and becomes in every export. */
#include "ioc.h"

#define IOC_HASH(exp, digits, cybox, sco, path)                                                 \
	{ .expected = exp, .hash_digits = digits, .cybox_kind = "File", .cybox_hash = cybox,    \
	  .indicator_type = "File Hash Watchlist", .sco_hash = sco, .sco_path = path }

const struct ioc_type_info ioc_types[] = {
	[RG_IOC_NONE] = {.cybox_kind = "Custom"},
	[RG_IOC_IPV4] = {.expected = "an IPv4 address like 192.0.2.1", .defang = IOC_DEFANG_HOST,
	                 .cybox_kind = "Address", .cybox_category = "ipv4-addr",
	                 .indicator_type = "IP Watchlist", .sco_type = "ipv4-addr",
	                 .sco_key = "value", .sco_path = "ipv4-addr:value"},
	[RG_IOC_IPV6] = {.expected = "an IPv6 address like 2001:db8::1", .defang = IOC_DEFANG_HOST,
	                 .nocase = true, .cybox_kind = "Address", .cybox_category = "ipv6-addr",
	                 .indicator_type = "IP Watchlist", .sco_type = "ipv6-addr",
	                 .sco_key = "value", .sco_path = "ipv6-addr:value"},
	[RG_IOC_CIDR] = {.expected = "an address block like 192.0.2.0/24 or 2001:db8::/32",
	                 .defang = IOC_DEFANG_HOST, .cybox_kind = "Address",
	                 .cybox_category = "cidr", .indicator_type = "IP Watchlist"},
	[RG_IOC_DOMAIN] = {.expected = "a domain name like example.com", .defang = IOC_DEFANG_HOST,
	                   .nocase = true, .idn = true, .cybox_kind = "DomainName",
	                   .indicator_type = "Domain Watchlist", .sco_type = "domain-name",
	                   .sco_key = "value", .sco_path = "domain-name:value"},
	[RG_IOC_HOSTNAME] = {.expected = "a host name like ws-042 or mail.example.com",
	                     .defang = IOC_DEFANG_HOST, .nocase = true, .idn = true,
	                     .cybox_kind = "Hostname", .indicator_type = "Domain Watchlist",
	                     .sco_type = "domain-name", .sco_key = "value",
	                     .sco_path = "domain-name:value"},
	[RG_IOC_URL] = {.expected = "a URL like https://example.com/path", .defang = IOC_DEFANG_URL,
	                .idn = true, .cybox_kind = "URI", .indicator_type = "URL Watchlist",
	                .sco_type = "url", .sco_key = "value", .sco_path = "url:value"},
	[RG_IOC_URI_PATH] = {.expected = "a URI path like /login.php?id=1", .cybox_kind = "URI",
	                     .indicator_type = "URL Watchlist"},
	[RG_IOC_EMAIL] = {.expected = "an email address like user@example.com",
	                  .defang = IOC_DEFANG_EMAIL, .nocase = true, .idn = true,
	                  .cybox_kind = "Address", .cybox_category = "e-mail",
	                  .indicator_type = "Malicious E-mail", .sco_type = "email-addr",
	                  .sco_key = "value", .sco_path = "email-addr:value"},
	[RG_IOC_MD5] = IOC_HASH("an MD5 hash (32 hexadecimal digits)", 32, "MD5", "MD5",
	                        "file:hashes.MD5"),
	[RG_IOC_SHA1] = IOC_HASH("a SHA-1 hash (40 hexadecimal digits)", 40, "SHA1", "SHA-1",
	                         "file:hashes.'SHA-1'"),
	[RG_IOC_SHA256] = IOC_HASH("a SHA-256 hash (64 hexadecimal digits)", 64, "SHA256",
	                           "SHA-256", "file:hashes.'SHA-256'"),
	[RG_IOC_SHA512] = IOC_HASH("a SHA-512 hash (128 hexadecimal digits)", 128, "SHA512",
	                           "SHA-512", "file:hashes.'SHA-512'"),
	[RG_IOC_SSDEEP] = IOC_HASH("an ssdeep hash like 3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", 0,
	                           "SSDEEP", "SSDEEP", "file:hashes.SSDEEP"),
	[RG_IOC_FILENAME] = {.expected = "a file name without a folder, like invoice.pdf.exe",
	                     .cybox_kind = "File", .indicator_type = "Malware Artifacts",
	                     .sco_type = "file", .sco_key = "name", .sco_path = "file:name"},
	[RG_IOC_FILEPATH] = {.expected = "a file path like C:\\Users\\Public\\a.exe or /tmp/a.sh",
	                     .cybox_kind = "File", .indicator_type = "Malware Artifacts"},
	[RG_IOC_REGISTRY] = {.expected = "a registry key under HKLM, HKCU, HKU, HKCR, HKCC or HKEY_...",
	                     .cybox_kind = "WinRegistryKey", .indicator_type = "Malware Artifacts",
	                     .sco_type = "windows-registry-key", .sco_key = "key",
	                     .sco_path = "windows-registry-key:key"},
	[RG_IOC_PROCESS] = {.cybox_kind = "Process", .indicator_type = "Malware Artifacts"},
	[RG_IOC_USER] = {.cybox_kind = "UserAccount", .indicator_type = "Login Name",
	                 .sco_type = "user-account", .sco_key = "account_login",
	                 .sco_path = "user-account:account_login"},
	[RG_IOC_USER_AGENT] = {.cybox_kind = "HTTPSession"},
	[RG_IOC_PORT] = {.expected = "a port number 1-65535", .cybox_kind = "Port"},
	[RG_IOC_SOCKET] = {.expected = "address:port like 192.0.2.1:443, [2001:db8::1]:443 or "
	                               "host.example.com:8080",
	                   .defang = IOC_DEFANG_HOST, .idn = true, .cybox_kind = "SocketAddress",
	                   .indicator_type = "IP Watchlist"},
	[RG_IOC_ASN] = {.expected = "an AS number like AS13335", .nocase = true,
	                .cybox_kind = "Address", .cybox_category = "asn"},
	[RG_IOC_CVE] = {.expected = "a CVE id like CVE-2021-44228", .nocase = true},
	[RG_IOC_MAC] = {.expected = "a MAC address like 00:1a:2b:3c:4d:5e", .nocase = true,
	                .cybox_kind = "Address", .cybox_category = "mac", .sco_type = "mac-addr",
	                .sco_key = "value", .sco_path = "mac-addr:value"},
	[RG_IOC_STRING] = {.cybox_kind = "Custom"},
};
_Static_assert(sizeof ioc_types / sizeof ioc_types[0] == RG_IOC__MAX,
               "ioc_types needs one row per enum rg_ioc_type value");

const struct ioc_type_info *ioc_type_info(enum rg_ioc_type t)
{
	return t > RG_IOC_NONE && t < RG_IOC__MAX ? &ioc_types[t] : &ioc_types[RG_IOC_NONE];
}

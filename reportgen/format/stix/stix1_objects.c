/* stix1_objects.c: CybOX 2.1 observables of artifacts, emails and assets, and STIX indicators. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evidence.h"
#include "export.h"
#include "ioc.h"
#include "ioc_addr.h"
#include "stix1.h"

static const char *objects_value(const struct rg_artifact *a)
{
	return a->refanged ? a->refanged : a->value.s;
}

static size_t objects_port_ok(const char *v);

/* The kind of the object an artifact becomes: a port or socket that is not one (say
 * "443/x y") is a Custom object. */
static const char *objects_kind_of(const struct rg_artifact *a)
{
	const char *v = objects_value(a), *colon = strrchr(v, ':');
	if (a->type == RG_IOC_PORT && objects_port_ok(v) == 0)
		return "Custom";
	if (a->type == RG_IOC_SOCKET &&
	    (colon == NULL || colon == v || objects_port_ok(colon + 1) == 0))
		return "Custom";
	return ioc_type_info(a->type)->cybox_kind; /* NULL for cve (an exploit target) */
}

static const struct rg_artifact *objects_sort_base;

/* Orders artifact indices by type, then value, then position: equal neighbours are duplicates. */
static int objects_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct rg_artifact *a = &objects_sort_base[i], *b = &objects_sort_base[j];
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	int c = strcmp(objects_value(a), objects_value(b));
	if (c != 0)
		return c;
	return i < j ? -1 : (i > j);
}

static void objects_plan_one(struct stix1 *s1, size_t i)
{
	const struct rg_artifact *a = &s1->doc->artifacts[i];
	struct stix1_art *o = &s1->arts[i];
	const char *name = a->type < RG_IOC__MAX && rg_ioc_type_names[a->type]
	                           ? rg_ioc_type_names[a->type]
	                           : "string";
	const char *identity = rg_arena_printf(s1->arena, "%s\n%s", name, objects_value(a));
	o->kept = true;
	if (a->type == RG_IOC_CVE) {
		o->exploit_target = stix1_id(s1, "ExploitTarget", identity);
		return;
	}
	o->observable = stix1_id(s1, "Observable", identity);
	o->object = stix1_id(s1, objects_kind_of(a), identity);
	if (export_is_indicator(a))
		o->indicator = stix1_id(s1, "Indicator", identity);
}

static int objects_key_cmp(const void *x, const void *y)
{
	return strcmp(((const struct stix1_key *)x)->key, ((const struct stix1_key *)y)->key);
}

/* By key, then id, so that the entry kept for a key never depends on qsort's order. */
static int objects_entry_cmp(const void *x, const void *y)
{
	const struct stix1_key *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	if (c != 0 || a->id == b->id)
		return c;
	return a->id == NULL ? -1 : b->id == NULL ? 1 : strcmp(a->id, b->id);
}

static struct stix1_key *objects_find(struct stix1_index *idx, const char *key)
{
	struct stix1_key probe = {key, NULL, false};
	return idx->n ? bsearch(&probe, idx->v, idx->n, sizeof(*idx->v), objects_key_cmp) : NULL;
}

/* Sorts an index and keeps the first entry of each key. */
static void objects_index_sort(struct stix1_index *idx)
{
	qsort(idx->v, idx->n, sizeof(*idx->v), objects_entry_cmp);
	size_t n = 0;
	for (size_t i = 0; i < idx->n; i++)
		if (n == 0 || strcmp(idx->v[n - 1].key, idx->v[i].key) != 0)
			idx->v[n++] = idx->v[i];
	idx->n = n;
}

static char *objects_lower(struct stix1 *s1, const char *s)
{
	char *out = rg_arena_strdup(s1->arena, s);
	for (char *c = out; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return out;
}

/* Url and email artifacts by value; email links that are no url artifact, with the id of
 * the URI object each will get. */
static void objects_plan_links(struct stix1 *s1)
{
	const struct rg_doc *doc = s1->doc;
	size_t nurls = 0;
	for (size_t i = 0; i < doc->nemails; i++)
		nurls += doc->emails[i].urls.n;
	size_t sz = sizeof(struct stix1_key);
	s1->url_objects.v = rg_arena_alloc(s1->arena, (doc->nartifacts + 1) * sz);
	s1->email_objects.v = rg_arena_alloc(s1->arena, (doc->nartifacts + 1) * sz);
	s1->link_extras.v = rg_arena_alloc(s1->arena, (nurls + 1) * sz);
	for (size_t i = 0; i < doc->nartifacts; i++) {
		const struct rg_artifact *a = &doc->artifacts[i];
		struct stix1_key k = {objects_value(a), s1->arts[i].object, false};
		if (!s1->arts[i].kept || k.id == NULL)
			continue;
		if (a->type == RG_IOC_URL)
			s1->url_objects.v[s1->url_objects.n++] = k;
		k.key = objects_lower(s1, k.key);
		if (a->type == RG_IOC_EMAIL)
			s1->email_objects.v[s1->email_objects.n++] = k;
	}
	objects_index_sort(&s1->url_objects);
	objects_index_sort(&s1->email_objects);
	for (size_t i = 0; i < doc->nemails; i++)
		for (size_t k = 0; k < doc->emails[i].urls.n; k++) {
			const char *raw = doc->emails[i].urls.v[k].s;
			const char *url = raw ? ioc_refang(s1->arena, raw) : NULL;
			if (url != NULL && url[0] != '\0' &&
			    objects_find(&s1->url_objects, url) == NULL)
				s1->link_extras.v[s1->link_extras.n++] =
				        (struct stix1_key){url, NULL, false};
		}
	objects_index_sort(&s1->link_extras);
	for (size_t i = 0; i < s1->link_extras.n; i++) {
		const char *identity =
		        rg_arena_printf(s1->arena, "email-url\n%s", s1->link_extras.v[i].key);
		s1->link_extras.v[i].id = stix1_id(s1, "URI", identity);
	}
}

static bool objects_same(const struct rg_artifact *a, const struct rg_artifact *b)
{
	return a->type == b->type && strcmp(objects_value(a), objects_value(b)) == 0;
}

/* Object groups among the kept artifacts (the first of their duplicates): one observable,
 * written by the first member (a host: by its name; a host without one is no group), whose
 * object holds every member's value (a file) or the name, with each address an inline
 * related object (a host). */
static void objects_plan_groups(struct stix1 *s1, const bool *dropped)
{
	const struct rg_doc *doc = s1->doc;
	const size_t *lead = export_groups(s1->arena, doc, dropped);
	size_t *writer = rg_arena_alloc(s1->arena, (doc->nartifacts + 1) * sizeof(*writer));
	size_t *tail = rg_arena_alloc(s1->arena, (doc->nartifacts + 1) * sizeof(*tail));
	for (size_t i = 0; i < doc->nartifacts; i++) {
		writer[i] = tail[i] = SIZE_MAX;
		s1->arts[i].group = s1->arts[i].next = SIZE_MAX;
		s1->arts[i].shares = false;
	}
	for (size_t i = 0; i < doc->nartifacts; i++) { /* chains of kept members, writers */
		size_t g = lead[i];
		if (g == SIZE_MAX || !s1->arts[i].kept || s1->arts[i].observable == NULL)
			continue;
		if (tail[g] == SIZE_MAX)
			s1->arts[g].group = i; /* the head, kept at the lead's entry for now */
		else
			s1->arts[tail[g]].next = i;
		tail[g] = i;
		enum rg_ioc_type t = doc->artifacts[i].type;
		bool named = t != RG_IOC_IPV4 && t != RG_IOC_IPV6;
		if (writer[g] == SIZE_MAX && named)
			writer[g] = i;
	}
	for (size_t g = 0; g < doc->nartifacts; g++) {
		size_t head = lead[g] == g ? s1->arts[g].group : SIZE_MAX;
		if (lead[g] == g)
			s1->arts[g].group = SIZE_MAX;
		size_t w = writer[g];
		if (head == SIZE_MAX || w == SIZE_MAX || s1->arts[head].next == SIZE_MAX) {
			for (size_t j = head; j != SIZE_MAX;) { /* one member, or no host name */
				size_t n = s1->arts[j].next;
				s1->arts[j].next = SIZE_MAX;
				j = n;
			}
			continue;
		}
		bool file = ioc_type_info(doc->artifacts[w].type)->object == IOC_OBJECT_FILE;
		s1->arts[w].group = head;
		for (size_t j = head; j != SIZE_MAX; j = s1->arts[j].next) {
			if (j == w)
				continue;
			s1->arts[j].shares = true;
			s1->arts[j].observable = s1->arts[w].observable;
			if (file)
				s1->arts[j].object = s1->arts[w].object;
		}
	}
}

/* Duplicates (same type and value) become one object with the ids of the first in file
 * order and the strictest TLP of them all (for its marking); --max-tlp drops what
 * export_dropped() says, so no duplicate can leak a withheld value. */
void stix1_plan_artifacts(struct stix1 *s1)
{
	const struct rg_doc *doc = s1->doc;
	const struct rg_artifact *arts = doc->artifacts;
	size_t n = 0;
	s1->arts = rg_arena_alloc(s1->arena, (doc->nartifacts + 1) * sizeof(*s1->arts));
	size_t *order = rg_xcalloc(doc->nartifacts + 1, sizeof(*order));
	size_t *dup_of = rg_arena_alloc(s1->arena, (doc->nartifacts + 1) * sizeof(*dup_of));
	for (size_t i = 0; i < doc->nartifacts; i++)
		dup_of[i] = SIZE_MAX;
	const bool *dropped = export_dropped(s1->arena, doc, s1->opts);
	for (size_t i = 0; i < doc->nartifacts; i++)
		if (objects_value(&arts[i]) != NULL)
			order[n++] = i;
	objects_sort_base = arts;
	qsort(order, n, sizeof(*order), objects_cmp);
	for (size_t k = 0, end; k < n; k = end) {
		enum rg_tlp tlp = arts[order[k]].tlp;
		for (end = k + 1; end < n && objects_same(&arts[order[k]], &arts[order[end]]);
		     end++)
			if (arts[order[end]].tlp > tlp)
				tlp = arts[order[end]].tlp;
		if (dropped[order[k]])
			continue;
		objects_plan_one(s1, order[k]);
		s1->arts[order[k]].tlp = tlp;
		for (size_t j = k + 1; j < end; j++)
			dup_of[order[j]] = order[k];
	}
	free(order);
	objects_plan_groups(s1, dropped);
	for (size_t i = 0; i < doc->nartifacts; i++)
		if (dup_of[i] != SIZE_MAX) {
			s1->arts[i] = s1->arts[dup_of[i]];
			s1->arts[i].kept = false;
		}
	objects_plan_links(s1);
	s1->email_obs = rg_arena_alloc(s1->arena, (doc->nemails + 1) * sizeof(*s1->email_obs));
	for (size_t i = 0; i < doc->nemails; i++)
		s1->email_obs[i] =
		        stix1_id(s1, "Observable", rg_arena_printf(s1->arena, "email\n%zu", i));
}

/* ------------------------------------------------------------------ */
/* Object properties                                                   */
/* ------------------------------------------------------------------ */

static xmlNodePtr objects_props(struct stix1 *s1, xmlNodePtr obj, const char *xsi_type)
{
	xmlNodePtr p = stix1_el(s1, obj, S1_CYBOX, "Properties");
	stix1_xsi_type(s1, p, xsi_type);
	return p;
}

/* An AddressObjectType element (Properties, or a typed field such as From or IP_Address). */
static void objects_address(struct stix1 *s1, xmlNodePtr n, const char *category, const char *v)
{
	stix1_attr(s1, n, "category", category);
	stix1_text(s1, n, S1_ADDRESS, "Address_Value", v);
}

static bool objects_positive_int(const char *s, size_t len)
{
	if (len == 0 || len > 9 || s[0] == '0')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static void objects_custom(struct stix1 *s1, xmlNodePtr obj, const char *name, const char *v)
{
	xmlNodePtr p = objects_props(s1, obj, "CustomObj:CustomObjectType");
	stix1_attr(s1, p, "custom_name", name);
	xmlNodePtr props = stix1_el(s1, p, S1_CYBOXCOMMON, "Custom_Properties");
	xmlNodePtr prop = stix1_text(s1, props, S1_CYBOXCOMMON, "Property", v);
	stix1_attr(s1, prop, "name", "value");
}

/* Length of the port number of "443", "443/tcp", "53/udp", or 0 when it is not one. */
static size_t objects_port_ok(const char *v)
{
	size_t digits = strcspn(v, "/");
	if (!objects_positive_int(v, digits) || atol(v) > 65535)
		return 0;
	if (v[digits] == '/' &&
	    (v[digits + 1] == '\0' ||
	     strspn(v + digits + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	             strlen(v + digits + 1)))
		return 0;
	return digits;
}

/* Port_Value and Layer4_Protocol of a PortObjectType element. */
static void objects_port_fields(struct stix1 *s1, xmlNodePtr port, const char *v, size_t digits)
{
	stix1_text(s1, port, S1_PORT, "Port_Value", rg_arena_strndup(s1->arena, v, digits));
	if (v[digits] == '/') {
		char *proto = rg_arena_strdup(s1->arena, v + digits + 1);
		for (char *c = proto; *c; c++)
			*c = (char)toupper((unsigned char)*c);
		stix1_text(s1, port, S1_PORT, "Layer4_Protocol", proto);
	}
}

/* "1.2.3.4:443", "[::1]:443", "host.example:443"; anything else becomes a custom object. */
static void objects_socket(struct stix1 *s1, xmlNodePtr obj, const char *v)
{
	const char *colon = strrchr(v, ':');
	size_t digits = colon ? objects_port_ok(colon + 1) : 0;
	if (colon == NULL || colon == v || digits == 0) {
		objects_custom(s1, obj, "reportgen:Socket", v);
		return;
	}
	const char *host = v, *end = colon;
	if (v[0] == '[' && colon[-1] == ']') {
		host = v + 1;
		end = colon - 1;
	}
	char *h = rg_arena_strndup(s1->arena, host, (size_t)(end - host));
	xmlNodePtr p = objects_props(s1, obj, "SocketAddressObj:SocketAddressObjectType");
	bool ipv4 = strspn(h, "0123456789.") == strlen(h);
	if (ipv4 || v[0] == '[') {
		xmlNodePtr ip = stix1_el(s1, p, S1_SOCKET, "IP_Address");
		objects_address(s1, ip, ipv4 ? "ipv4-addr" : "ipv6-addr", h);
	} else {
		xmlNodePtr hn = stix1_el(s1, p, S1_SOCKET, "Hostname");
		stix1_text(s1, hn, S1_HOSTNAME, "Hostname_Value", h);
	}
	objects_port_fields(s1, stix1_el(s1, p, S1_SOCKET, "Port"), colon + 1, digits);
}

static const char *objects_hive(const char *h, size_t n)
{
	static const char *const map[][2] = {
	        {"HKLM", "HKEY_LOCAL_MACHINE"},  {"HKCU", "HKEY_CURRENT_USER"},
	        {"HKU", "HKEY_USERS"},           {"HKCR", "HKEY_CLASSES_ROOT"},
	        {"HKCC", "HKEY_CURRENT_CONFIG"},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strlen(map[i][0]) == n && strncasecmp(h, map[i][0], n) == 0)
			return map[i][1];
	return NULL;
}

static void objects_registry(struct stix1 *s1, xmlNodePtr obj, const struct rg_artifact *a,
                             const char *v)
{
	xmlNodePtr p = objects_props(s1, obj, "WinRegistryKeyObj:WindowsRegistryKeyObjectType");
	size_t n = strcspn(v, "\\");
	const char *hive = objects_hive(v, n);
	char *hv = hive ? NULL : rg_arena_strndup(s1->arena, v, n);
	if (hv != NULL)
		for (char *c = hv; *c; c++)
			*c = (char)toupper((unsigned char)*c);
	if (v[n] == '\\')
		stix1_text(s1, p, S1_REGISTRY, "Key", v + n + 1);
	stix1_text(s1, p, S1_REGISTRY, "Hive", hive ? hive : hv);
	if (a->value_name.s != NULL) { /* a value under the key: Values/Value */
		xmlNodePtr val =
		        stix1_el(s1, stix1_el(s1, p, S1_REGISTRY, "Values"), S1_REGISTRY, "Value");
		stix1_text(s1, val, S1_REGISTRY, "Name", a->value_name.s);
		stix1_text(s1, val, S1_REGISTRY, "Data", a->value_data.s);
	}
}

static void objects_hash(struct stix1 *s1, xmlNodePtr hashes, const char *name, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return;
	xmlNodePtr h = stix1_el(s1, hashes, S1_CYBOXCOMMON, "Hash");
	stix1_vocab(s1, h, S1_CYBOXCOMMON, "Type", "cyboxVocabs:HashNameVocab-1.0", name);
	stix1_text(s1, h, S1_CYBOXCOMMON,
	           strcmp(name, "SSDEEP") == 0 ? "Fuzzy_Hash_Value" : "Simple_Hash_Value", v);
}

static void objects_file(struct stix1 *s1, xmlNodePtr obj, enum rg_ioc_type t, const char *v)
{
	xmlNodePtr p = objects_props(s1, obj, "FileObj:FileObjectType");
	if (t == RG_IOC_FILENAME) {
		stix1_text(s1, p, S1_FILE, "File_Name", v);
	} else if (t == RG_IOC_FILEPATH) {
		const char *base = v + strlen(v);
		while (base > v && base[-1] != '/' && base[-1] != '\\')
			base--;
		stix1_text(s1, p, S1_FILE, "File_Name", base);
		stix1_attr(s1, stix1_text(s1, p, S1_FILE, "File_Path", v), "fully_qualified",
		           "true");
	} else {
		objects_hash(s1, stix1_el(s1, p, S1_FILE, "Hashes"), ioc_type_info(t)->cybox_hash,
		             v);
	}
}

/* cybox:Properties of a domain: the value as written (refanged) and, for an IDN, the other
 * form as a custom property. */
static void objects_domain(struct stix1 *s1, xmlNodePtr obj, const struct rg_artifact *a,
                           const char *v)
{
	xmlNodePtr p = objects_props(s1, obj, "DomainNameObj:DomainNameObjectType");
	stix1_attr(s1, p, "type", "FQDN");
	if (s1->mitre && a->idn_ascii != NULL)
		v = a->idn_ascii; /* STIX 1.2 idiom: the A-label, the U-label as a property */
	const char *other = NULL, *name = NULL;
	if (a->idn_ascii && strcmp(a->idn_ascii, v) != 0)
		other = a->idn_ascii, name = "idn_ascii";
	else if (a->idn_unicode && strcmp(a->idn_unicode, v) != 0)
		other = a->idn_unicode, name = "idn_unicode";
	if (other != NULL) {
		xmlNodePtr cp = stix1_el(s1, p, S1_CYBOXCOMMON, "Custom_Properties");
		stix1_attr(s1, stix1_text(s1, cp, S1_CYBOXCOMMON, "Property", other), "name", name);
	}
	stix1_text(s1, p, S1_DOMAIN, "Value", v);
}

/* The next word of a command line (double quotes group, as Windows and shells read them);
 * NULL at the end. */
static const char *objects_word(struct stix1 *s1, const char **cur)
{
	const char *p = *cur;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return NULL;
	char *w = rg_arena_alloc(s1->arena, strlen(p) + 1), *o = w;
	bool quoted = false;
	for (; *p != '\0' && (quoted || (*p != ' ' && *p != '\t')); p++)
		if (*p == '"')
			quoted = !quoted;
		else
			*o++ = *p;
	*o = '\0';
	*cur = p;
	return w;
}

/* STIX 1.2 idiom for a command line: the program as Name, the whole line as
 * Image_Info/Command_Line, each argument in Argument_List. */
static void objects_process(struct stix1 *s1, xmlNodePtr p, const char *v)
{
	const char *cur = v, *name = objects_word(s1, &cur);
	stix1_text(s1, p, S1_PROCESS, "Name", name ? name : v);
	stix1_text(s1, stix1_el(s1, p, S1_PROCESS, "Image_Info"), S1_PROCESS, "Command_Line", v);
	xmlNodePtr args = NULL;
	for (const char *w; (w = objects_word(s1, &cur)) != NULL;) {
		if (args == NULL)
			args = stix1_el(s1, p, S1_PROCESS, "Argument_List");
		stix1_text(s1, args, S1_PROCESS, "Argument", w);
	}
}

/* A switch, not a column of ioc_types: each type writes its own CybOX elements (the object
 * kind, category and hash names come from the table). */
static void objects_properties(struct stix1 *s1, xmlNodePtr obj, const struct rg_artifact *a)
{
	const char *v = objects_value(a);
	if (s1->mitre && a->idn_ascii != NULL && a->type != RG_IOC_DOMAIN)
		v = a->idn_ascii; /* STIX 1.2 idiom: IDNs as A-labels (domains: objects_domain) */
	xmlNodePtr p;
	switch (a->type) {
	case RG_IOC_DOMAIN:
		objects_domain(s1, obj, a, v);
		break;
	case RG_IOC_HOSTNAME:
		p = objects_props(s1, obj, "HostnameObj:HostnameObjectType");
		stix1_text(s1, p, S1_HOSTNAME, "Hostname_Value", v);
		break;
	case RG_IOC_URL:
	case RG_IOC_URI_PATH:
		p = objects_props(s1, obj, "URIObj:URIObjectType");
		if (a->type == RG_IOC_URL)
			stix1_attr(s1, p, "type", "URL");
		stix1_text(s1, p, S1_URI, "Value", v);
		break;
	case RG_IOC_MD5:
	case RG_IOC_SHA1:
	case RG_IOC_SHA256:
	case RG_IOC_SHA512:
	case RG_IOC_SSDEEP:
	case RG_IOC_FILENAME:
	case RG_IOC_FILEPATH:
		objects_file(s1, obj, a->type, v);
		break;
	case RG_IOC_REGISTRY:
		objects_registry(s1, obj, a, v);
		break;
	case RG_IOC_PROCESS:
		p = objects_props(s1, obj, "ProcessObj:ProcessObjectType");
		if (s1->mitre)
			objects_process(s1, p, v);
		else
			stix1_text(s1, p, S1_PROCESS, "Name", v);
		break;
	case RG_IOC_USER:
		p = objects_props(s1, obj, "UserAccountObj:UserAccountObjectType");
		stix1_text(s1, p, S1_USERACCOUNT, "Username", v);
		break;
	case RG_IOC_USER_AGENT:
		p = objects_props(s1, obj, "HTTPSessionObj:HTTPSessionObjectType");
		p = stix1_el(s1, p, S1_HTTP, "HTTP_Request_Response");
		p = stix1_el(s1, stix1_el(s1, p, S1_HTTP, "HTTP_Client_Request"), S1_HTTP,
		             "HTTP_Request_Header");
		stix1_text(s1, stix1_el(s1, p, S1_HTTP, "Parsed_Header"), S1_HTTP, "User_Agent", v);
		break;
	case RG_IOC_PORT:
		if (objects_port_ok(v) == 0)
			objects_custom(s1, obj, "reportgen:Port", v);
		else
			objects_port_fields(s1, objects_props(s1, obj, "PortObj:PortObjectType"), v,
			                    objects_port_ok(v));
		break;
	case RG_IOC_SOCKET:
		objects_socket(s1, obj, v);
		break;
	case RG_IOC_IPV4:
	case RG_IOC_IPV6:
	case RG_IOC_CIDR:
	case RG_IOC_EMAIL:
	case RG_IOC_ASN:
	case RG_IOC_MAC:
		objects_address(s1, objects_props(s1, obj, "AddressObj:AddressObjectType"),
		                ioc_type_info(a->type)->cybox_category, v);
		break;
	default:
		objects_custom(s1, obj, "reportgen:String", v);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Observables                                                         */
/* ------------------------------------------------------------------ */

static const char *objects_join(struct stix1 *s1, const char *acc, const char *label,
                                const char *text)
{
	if (text == NULL || text[0] == '\0')
		return acc;
	const char *line = label ? rg_arena_printf(s1->arena, "%s: %s", label, text) : text;
	return acc ? rg_arena_printf(s1->arena, "%s\n\n%s", acc, line) : line;
}

static const char *objects_description(struct stix1 *s1, const struct rg_artifact *a)
{
	const char *d = export_plain(s1->arena, a->comment.s);
	d = objects_join(s1, d, "Threat intelligence", export_plain(s1->arena, a->intel.s));
	d = objects_join(s1, d, "Disposition",
	                 a->disposition ? rg_disposition_names[a->disposition] : NULL);
	d = objects_join(s1, d, "First seen", export_time(s1->arena, &a->first_seen, false));
	d = objects_join(s1, d, "Last seen", export_time(s1->arena, &a->last_seen, false));
	return d;
}

/* CybOX ObjectRelationshipVocab-1.1 name of a relation of the format, or NULL. */
static const char *objects_relation(const char *rel)
{
	static const char *const map[][2] = {
	        {"resolves-to", "Resolved_To"}, {"communicates-with", "Connected_To"},
	        {"drops", "Dropped"},           {"downloads", "Downloaded"},
	        {"contains", "Contains"},       {"creates", "Created"},
	        {"related-to", "Related_To"},   {"sent-by", "Sent_By"},
	};
	for (size_t i = 0; rel && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(rel, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* The object's Related_Objects element, made on first use. */
static xmlNodePtr objects_related_list(struct stix1 *s1, xmlNodePtr obj)
{
	for (xmlNodePtr c = obj->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "Related_Objects") == 0)
			return c;
	return stix1_el(s1, obj, S1_CYBOX, "Related_Objects");
}

static void objects_related(struct stix1 *s1, xmlNodePtr obj, const char *idref,
                            const char *relation)
{
	xmlNodePtr r = stix1_el(s1, objects_related_list(s1, obj), S1_CYBOX, "Related_Object");
	stix1_attr(s1, r, "idref", idref);
	const char *vocab = objects_relation(relation);
	stix1_vocab(s1, r, S1_CYBOX, "Relationship",
	            vocab ? "cyboxVocabs:ObjectRelationshipVocab-1.1" : NULL,
	            vocab ? vocab : relation);
}

static const struct stix1_art *objects_ref(struct stix1 *s1, const struct rg_artifact *ref)
{
	const struct rg_doc *doc = s1->doc;
	if (ref == NULL || ref < doc->artifacts || ref >= doc->artifacts + doc->nartifacts)
		return NULL;
	return &s1->arts[ref - doc->artifacts];
}

static xmlNodePtr objects_observable(struct stix1 *s1, xmlNodePtr list, const char *id,
                                     const char *title, const char *description)
{
	xmlNodePtr o = stix1_el(s1, list, S1_CYBOX, "Observable");
	stix1_attr(s1, o, "id", id);
	stix1_text(s1, o, S1_CYBOX, "Title", title);
	stix1_text(s1, o, S1_CYBOX, "Description", description);
	return o;
}

/* The Keywords of the observable of the artifacts from `from` on (its chain of group
 * members; one artifact outside a group): "benign" first when all of them
 * are (a benign observable says so where consumers read labels), then their tags. */
static void objects_keywords(struct stix1 *s1, xmlNodePtr o, size_t from)
{
	const struct rg_artifact *arts = s1->doc->artifacts;
	bool benign = true, any = false;
	for (size_t j = from; j != SIZE_MAX; j = s1->arts[j].next) {
		benign = benign && arts[j].disposition == RG_DISP_BENIGN;
		any = any || arts[j].tags.n > 0;
	}
	if (!any && !benign)
		return;
	xmlNodePtr kw = stix1_el(s1, o, S1_CYBOX, "Keywords");
	if (benign)
		stix1_text(s1, kw, S1_CYBOX, "Keyword", "benign");
	for (size_t j = from; j != SIZE_MAX; j = s1->arts[j].next) {
		for (size_t k = 0; k < arts[j].tags.n; k++)
			stix1_text(s1, kw, S1_CYBOX, "Keyword", arts[j].tags.v[k].s);
	}
	if (kw->children == NULL) {
		rg_xml.xmlUnlinkNode(kw);
		rg_xml.xmlFreeNode(kw);
	}
}

/* The Properties of a file group: the name, the path and every hash of its members. */
static void objects_file_group(struct stix1 *s1, xmlNodePtr obj, size_t head)
{
	const struct rg_artifact *arts = s1->doc->artifacts;
	const char *name = NULL, *path = NULL;
	for (size_t j = head; j != SIZE_MAX; j = s1->arts[j].next) {
		const char *v = objects_value(&arts[j]), *base = v + strlen(v);
		while (base > v && base[-1] != '/' && base[-1] != '\\')
			base--;
		if (arts[j].type == RG_IOC_FILEPATH && path == NULL)
			path = v;
		if ((arts[j].type == RG_IOC_FILEPATH || arts[j].type == RG_IOC_FILENAME) &&
		    name == NULL && *base != '\0')
			name = base;
	}
	xmlNodePtr p = objects_props(s1, obj, "FileObj:FileObjectType");
	stix1_text(s1, p, S1_FILE, "File_Name", name);
	stix1_attr(s1, stix1_text(s1, p, S1_FILE, "File_Path", path), "fully_qualified", "true");
	xmlNodePtr h = NULL;
	for (size_t j = head; j != SIZE_MAX; j = s1->arts[j].next) {
		const char *hash = ioc_type_info(arts[j].type)->cybox_hash;
		if (hash == NULL)
			continue;
		if (h == NULL)
			h = stix1_el(s1, p, S1_FILE, "Hashes");
		objects_hash(s1, h, hash, objects_value(&arts[j]));
	}
}

/* An address's AS (asn:) as an inline related object: the address is Contained_Within it. */
static void objects_asn(struct stix1 *s1, xmlNodePtr obj, const struct rg_artifact *a,
                        const char *id)
{
	const char *n = a->asn.s;
	if (n == NULL || (a->type != RG_IOC_IPV4 && a->type != RG_IOC_IPV6))
		return;
	if (strncasecmp(n, "AS", 2) != 0)
		n = rg_arena_printf(s1->arena, "AS%s", n);
	xmlNodePtr r = stix1_el(s1, objects_related_list(s1, obj), S1_CYBOX, "Related_Object");
	stix1_attr(s1, r, "id",
	           stix1_id(s1, "Address", rg_arena_printf(s1->arena, "asn\n%s\n%s", n, id)));
	objects_address(s1, objects_props(s1, r, "AddressObj:AddressObjectType"), "asn", n);
	stix1_vocab(s1, r, S1_CYBOX, "Relationship", "cyboxVocabs:ObjectRelationshipVocab-1.1",
	            "Contained_Within");
}

/* A host group's addresses, each an inline related object (Resolved_To) of its name. */
static void objects_host_group(struct stix1 *s1, xmlNodePtr obj, size_t head, size_t w)
{
	const struct rg_artifact *arts = s1->doc->artifacts;
	xmlNodePtr list = NULL;
	for (size_t j = head; j != SIZE_MAX; j = s1->arts[j].next) {
		if (j == w || (arts[j].type != RG_IOC_IPV4 && arts[j].type != RG_IOC_IPV6))
			continue;
		if (list == NULL)
			list = stix1_el(s1, obj, S1_CYBOX, "Related_Objects");
		xmlNodePtr r = stix1_el(s1, list, S1_CYBOX, "Related_Object");
		stix1_attr(s1, r, "id", s1->arts[j].object);
		objects_properties(s1, r, &arts[j]);
		objects_asn(s1, r, &arts[j], s1->arts[j].object);
		stix1_vocab(s1, r, S1_CYBOX, "Relationship",
		            "cyboxVocabs:ObjectRelationshipVocab-1.1", "Resolved_To");
	}
}

static void objects_artifact(struct stix1 *s1, xmlNodePtr list, size_t i)
{
	const struct rg_artifact *a = &s1->doc->artifacts[i], *arts = s1->doc->artifacts;
	const struct stix1_art *ids = &s1->arts[i];
	size_t head = ids->group != SIZE_MAX ? ids->group : i;
	const char *title =
	        rg_arena_printf(s1->arena, "%s %s",
	                        rg_ioc_type_names[a->type] ? rg_ioc_type_names[a->type] : "string",
	                        objects_value(a));
	const char *desc = objects_description(s1, a);
	if (ids->group != SIZE_MAX) { /* "file NAME"; each member's description, named */
		bool file = ioc_type_info(a->type)->object == IOC_OBJECT_FILE;
		title = rg_arena_printf(s1->arena, "%s %s", file ? "file" : "host", a->object.s);
		desc = NULL;
		for (size_t j = head; j != SIZE_MAX; j = s1->arts[j].next)
			desc = objects_join(s1, desc,
			                    rg_arena_printf(s1->arena, "%s %s",
			                                    rg_ioc_type_names[arts[j].type],
			                                    objects_value(&arts[j])),
			                    objects_description(s1, &arts[j]));
	}
	xmlNodePtr o = objects_observable(s1, list, ids->observable, title, desc);
	objects_keywords(s1, o, head);
	xmlNodePtr obj = stix1_el(s1, o, S1_CYBOX, "Object");
	stix1_attr(s1, obj, "id", ids->object);
	if (ids->group != SIZE_MAX && ioc_type_info(a->type)->object == IOC_OBJECT_FILE) {
		objects_file_group(s1, obj, head);
	} else {
		objects_properties(s1, obj, a);
		objects_asn(s1, obj, a, ids->object);
		if (ids->group != SIZE_MAX)
			objects_host_group(s1, obj, head, i);
	}
	for (size_t j = head; j != SIZE_MAX; j = s1->arts[j].next) {
		const struct rg_artifact *m = &arts[j];
		for (size_t k = 0; k < m->nrelated; k++) {
			const struct stix1_art *to = objects_ref(s1, m->related[k].ref);
			if (to != NULL && to->object != NULL && to->object != ids->object &&
			    to->object != s1->arts[j].object)
				objects_related(s1, obj, to->object, m->related[k].relation.s);
		}
	}
}

/* Records an extra observable id (email URL or attachment) for the incident's list. */
static void objects_extra(struct stix1 *s1, const char *id)
{
	if (s1->nextra == s1->extra_cap) {
		s1->extra_cap = s1->extra_cap ? s1->extra_cap * 2 : 16;
		s1->extra_obs = rg_xrealloc(s1->extra_obs, s1->extra_cap * sizeof(*s1->extra_obs));
	}
	s1->extra_obs[s1->nextra++] = id;
}

/* The object id of an email link: a url artifact with that value, else a URI observable
 * of its own, written on first use. NULL when the value is withheld. */
static const char *objects_link(struct stix1 *s1, xmlNodePtr list, const char *url)
{
	if (url == NULL || url[0] == '\0' || export_is_withheld(&s1->withheld, url))
		return NULL;
	struct stix1_key *k = objects_find(&s1->url_objects, url);
	if (k != NULL)
		return k->id;
	k = objects_find(&s1->link_extras, url);
	if (k == NULL || k->done)
		return k ? k->id : NULL;
	k->done = true;
	const char *identity = rg_arena_printf(s1->arena, "email-url\n%s", url);
	const char *obs = stix1_id(s1, "Observable", identity);
	objects_extra(s1, obs);
	xmlNodePtr o = objects_observable(s1, list, obs, rg_arena_printf(s1->arena, "url %s", url),
	                                  "Link in an email");
	xmlNodePtr ob = stix1_el(s1, o, S1_CYBOX, "Object");
	stix1_attr(s1, ob, "id", k->id);
	xmlNodePtr p = objects_props(s1, ob, "URIObj:URIObjectType");
	stix1_attr(s1, p, "type", "URL");
	stix1_text(s1, p, S1_URI, "Value", url);
	return k->id;
}

static const char *objects_attachment(struct stix1 *s1, xmlNodePtr list, size_t e, size_t k)
{
	const struct rg_attachment *at = &s1->doc->emails[e].attachments[k];
	const char *identity = rg_arena_printf(s1->arena, "attachment\n%zu\n%zu", e, k);
	const char *obs = stix1_id(s1, "Observable", identity),
	           *obj = stix1_id(s1, "File", identity);
	objects_extra(s1, obs);
	const char *title =
	        at->name.s ? rg_arena_printf(s1->arena, "attachment %s", at->name.s) : "attachment";
	xmlNodePtr o = objects_observable(s1, list, obs, title, NULL);
	xmlNodePtr ob = stix1_el(s1, o, S1_CYBOX, "Object");
	stix1_attr(s1, ob, "id", obj);
	xmlNodePtr p = objects_props(s1, ob, "FileObj:FileObjectType");
	stix1_text(s1, p, S1_FILE, "File_Name", at->name.s);
	if (at->size.s && strspn(at->size.s, "0123456789") == strlen(at->size.s))
		stix1_text(s1, p, S1_FILE, "Size_In_Bytes", at->size.s);
	const char *sha256 = at->sha256.s ? at->sha256.s : at->digest;
	if (at->md5.s || at->sha1.s || sha256) {
		xmlNodePtr h = stix1_el(s1, p, S1_FILE, "Hashes");
		objects_hash(s1, h, "MD5", at->md5.s);
		objects_hash(s1, h, "SHA1", at->sha1.s);
		objects_hash(s1, h, "SHA256", sha256);
	}
	return obj;
}

/* The first address of a header written as an address list ("Name <addr>", ...), refanged,
 * or NULL when it names no address. */
static const char *objects_first_addr(struct stix1 *s1, const char *raw)
{
	struct ioc_addr *v;
	size_t n = ioc_addr_list(s1->arena, raw, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].addr != NULL)
			return v[i].addr;
	return NULL;
}

static void objects_email_addr(struct stix1 *s1, xmlNodePtr parent, const char *name,
                               const char *raw, const char *category);

/* Every address of an address list as header fields `name` (names without an address have no
 * place in an Address object: they stay in the PDF). */
static void objects_email_addrs(struct stix1 *s1, xmlNodePtr parent, const char *name,
                                const char *raw)
{
	struct ioc_addr *v;
	size_t n = ioc_addr_list(s1->arena, raw, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].addr != NULL)
			objects_email_addr(s1, parent, name, v[i].addr, "e-mail");
}

/* An email address header field (From, Reply_To, X_Originating_IP, or a Recipient). */
static void objects_email_addr(struct stix1 *s1, xmlNodePtr parent, const char *name,
                               const char *raw, const char *category)
{
	if (raw == NULL || raw[0] == '\0')
		return;
	const char *v = ioc_refang(s1->arena, raw);
	if (v[0] == '\0' || export_is_withheld(&s1->withheld, v))
		return;
	if (category == NULL)
		category = strchr(v, ':') ? "ipv6-addr" : "ipv4-addr";
	objects_address(s1, stix1_el(s1, parent, S1_EMAIL, name), category, v);
}

static void objects_recipients(struct stix1 *s1, xmlNodePtr header, const char *name,
                               const struct rg_texts *list)
{
	if (list->n == 0)
		return;
	xmlNodePtr r = stix1_el(s1, header, S1_EMAIL, name);
	for (size_t i = 0; i < list->n; i++)
		objects_email_addrs(s1, r, "Recipient", list->v[i].s);
	if (r->children == NULL) {
		rg_xml.xmlUnlinkNode(r);
		rg_xml.xmlFreeNode(r);
	}
}

static void objects_email_header(struct stix1 *s1, xmlNodePtr p, const struct rg_email *e)
{
	xmlNodePtr h = stix1_el(s1, p, S1_EMAIL, "Header");
	objects_recipients(s1, h, "To", &e->to);
	objects_recipients(s1, h, "CC", &e->cc);
	objects_email_addr(s1, h, "From", objects_first_addr(s1, e->from.s), "e-mail");
	stix1_text(s1, h, S1_EMAIL, "Subject", e->subject.s);
	xmlNodePtr d = stix1_text(s1, h, S1_EMAIL, "Date", export_time(s1->arena, &e->date, false));
	if (d != NULL)
		stix1_attr(s1, d, "precision", export_time_precision(&e->date));
	stix1_text(s1, h, S1_EMAIL, "Message_ID", e->message_id.s);
	objects_email_addr(s1, h, "Reply_To", objects_first_addr(s1, e->reply_to.s), "e-mail");
	objects_email_addr(s1, h, "X_Originating_IP", e->smtp_ip.s, NULL);
	if (h->children == NULL) {
		rg_xml.xmlUnlinkNode(h);
		rg_xml.xmlFreeNode(h);
	}
}

/* "<prefix> <subject>", else "<prefix> from <sender>" (unless the sender is withheld). */
static const char *objects_email_title(struct stix1 *s1, const struct rg_email *e,
                                       const char *prefix)
{
	if (e->subject.s != NULL && e->subject.s[0] != '\0')
		return rg_arena_printf(s1->arena, "%s %s", prefix, e->subject.s);
	const char *from = objects_first_addr(s1, e->from.s);
	if (from != NULL && from[0] != '\0' && !export_is_withheld(&s1->withheld, from))
		return rg_arena_printf(s1->arena, "%s from %s", prefix, from);
	return prefix;
}

static void objects_email(struct stix1 *s1, xmlNodePtr list, size_t i)
{
	const struct rg_email *e = &s1->doc->emails[i];
	const char **att = rg_arena_alloc(s1->arena, (e->nattachments + 1) * sizeof(*att));
	const char **links = rg_arena_alloc(s1->arena, (e->urls.n + 1) * sizeof(*links));
	for (size_t k = 0; k < e->nattachments; k++)
		att[k] = objects_attachment(s1, list, i, k);
	for (size_t k = 0; k < e->urls.n; k++)
		links[k] = objects_link(
		        s1, list, e->urls.v[k].s ? ioc_refang(s1->arena, e->urls.v[k].s) : NULL);
	const char *d = export_plain(s1->arena, e->comment.s);
	d = objects_join(s1, d, "Body", export_plain(s1->arena, e->body.s));
	d = objects_join(s1, d, "Verdict", e->verdict ? rg_disposition_names[e->verdict] : NULL);
	xmlNodePtr o = objects_observable(s1, list, s1->email_obs[i],
	                                  objects_email_title(s1, e, "email"), d);
	xmlNodePtr obj = stix1_el(s1, o, S1_CYBOX, "Object");
	stix1_attr(s1, obj, "id",
	           stix1_id(s1, "EmailMessage", rg_arena_printf(s1->arena, "email\n%zu", i)));
	xmlNodePtr p = objects_props(s1, obj, "EmailMessageObj:EmailMessageObjectType");
	objects_email_header(s1, p, e);
	if (e->nattachments > 0) {
		xmlNodePtr a = stix1_el(s1, p, S1_EMAIL, "Attachments");
		for (size_t k = 0; k < e->nattachments; k++)
			stix1_attr(s1, stix1_el(s1, a, S1_EMAIL, "File"), "object_reference",
			           att[k]);
	}
	xmlNodePtr l = NULL;
	for (size_t k = 0; k < e->urls.n; k++) {
		if (links[k] == NULL)
			continue;
		if (l == NULL)
			l = stix1_el(s1, p, S1_EMAIL, "Links");
		stix1_attr(s1, stix1_el(s1, l, S1_EMAIL, "Link"), "object_reference", links[k]);
	}
	for (size_t k = 0; k < e->nattachments; k++)
		objects_related(s1, obj, att[k], "contains");
	const char *from = objects_first_addr(s1, e->from.s);
	struct stix1_key *sender =
	        from ? objects_find(&s1->email_objects, objects_lower(s1, from)) : NULL;
	if (sender != NULL)
		objects_related(s1, obj, sender->id, "sent-by");
}

/* The files the report was made from (the incident file, images) as file observables
 * with their SHA-256: evidence, never indicators. Attachments carry theirs already. */
static void objects_evidence(struct stix1 *s1, xmlNodePtr list, struct evidence_file *fs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (fs[i].kind == EVIDENCE_ATTACHMENT)
			continue;
		const char *identity =
		        rg_arena_printf(s1->arena, "evidence\n%s\n%s", fs[i].name, fs[i].sha256);
		xmlNodePtr o = objects_observable(
		        s1, list, stix1_id(s1, "Observable", identity),
		        rg_arena_printf(s1->arena, "evidence file %s (%s)", fs[i].name,
		                        evidence_kind_names[fs[i].kind]),
		        "A file this report was made from, with its SHA-256 as read; not an "
		        "indicator.");
		xmlNodePtr ob = stix1_el(s1, o, S1_CYBOX, "Object");
		stix1_attr(s1, ob, "id", stix1_id(s1, "File", identity));
		xmlNodePtr p = objects_props(s1, ob, "FileObj:FileObjectType");
		stix1_text(s1, p, S1_FILE, "File_Name", fs[i].name);
		objects_hash(s1, stix1_el(s1, p, S1_FILE, "Hashes"), "SHA256", fs[i].sha256);
	}
}

void stix1_observables(struct stix1 *s1, xmlNodePtr pkg)
{
	const struct rg_doc *doc = s1->doc;
	struct evidence_file *fs;
	size_t nfs = evidence_files(s1->arena, doc, &fs);
	bool any = doc->nemails > 0 || nfs > 0;
	for (size_t i = 0; i < doc->nartifacts && !any; i++)
		any = s1->arts[i].kept && s1->arts[i].observable;
	if (!any)
		return;
	xmlNodePtr list = stix1_el(s1, pkg, S1_STIX, "Observables");
	stix1_attr(s1, list, "cybox_major_version", "2");
	stix1_attr(s1, list, "cybox_minor_version", "1");
	stix1_attr(s1, list, "cybox_update_version", s1->mitre ? "0" : "1");
	for (size_t i = 0; i < doc->nartifacts; i++) {
		if (s1->arts[i].kept && s1->arts[i].observable && !s1->arts[i].shares) {
			stix1_scratch_begin(s1);
			objects_artifact(s1, list, i);
			stix1_scratch_end(s1);
		}
	}
	for (size_t i = 0; i < doc->nemails; i++)
		objects_email(s1, list, i);
	objects_evidence(s1, list, fs, nfs);
}

/* ------------------------------------------------------------------ */
/* Indicators                                                          */
/* ------------------------------------------------------------------ */

/* condition="Equals" on every value of a pattern object (not on vocabulary names). */
static void objects_conditions(struct stix1 *s1, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		bool leaf = c->children != NULL && c->children->type == XML_TEXT_NODE &&
		            c->children->next == NULL;
		if (leaf && strcmp((const char *)c->name, "Type") != 0)
			stix1_attr(s1, c, "condition", "Equals");
		else if (!leaf)
			objects_conditions(s1, c);
	}
}

/* STIX 1.2 idiom: an indicator's observable is a pattern of its own, an object whose values
 * carry condition="Equals", not a reference to the observed instance. `a` is the artifact,
 * or NULL for email `e` (pattern: sender and subject). */
static void objects_pattern(struct stix1 *s1, xmlNodePtr ind, const char *id,
                            const struct rg_artifact *a, const struct rg_email *e)
{
	xmlNodePtr o = stix1_el(s1, ind, S1_INDICATOR, "Observable");
	stix1_attr(s1, o, "id",
	           stix1_id(s1, "Observable", rg_arena_printf(s1->arena, "pattern\n%s", id)));
	xmlNodePtr obj = stix1_el(s1, o, S1_CYBOX, "Object");
	s1->hold++; /* objects_conditions revisits the object: none of it is written before */
	if (a != NULL) {
		objects_properties(s1, obj, a);
	} else {
		xmlNodePtr p = objects_props(s1, obj, "EmailMessageObj:EmailMessageObjectType");
		xmlNodePtr h = stix1_el(s1, p, S1_EMAIL, "Header");
		objects_email_addr(s1, h, "From", objects_first_addr(s1, e->from.s), "e-mail");
		stix1_text(s1, h, S1_EMAIL, "Subject", e->subject.s);
	}
	objects_conditions(s1, obj);
	s1->hold--;
}

static void objects_indicator(struct stix1 *s1, xmlNodePtr list, const char *id, const char *title,
                              const char *type, const char *description, const char *observable,
                              enum rg_disposition disp, const struct rg_artifact *a,
                              const struct rg_email *e)
{
	xmlNodePtr n = stix1_el(s1, list, S1_STIX, "Indicator");
	stix1_xsi_type(s1, n, "indicator:IndicatorType");
	stix1_attr(s1, n, "id", id);
	const struct rg_time *dated = e != NULL                             ? &e->date
	                              : a == NULL                           ? NULL
	                              : a->last_seen.prec > RG_TIME_UNKNOWN ? &a->last_seen
	                                                                    : &a->first_seen;
	stix1_attr(s1, n, "timestamp",
	           export_utc(s1->arena, export_modified(s1->doc, s1->opts, dated), 0, false));
	stix1_text(s1, n, S1_INDICATOR, "Title", title);
	stix1_vocab(s1, n, S1_INDICATOR, "Type", "stixVocabs:IndicatorTypeVocab-1.1", type);
	stix1_text(s1, n, S1_INDICATOR, "Description", description);
	/* valid from the nearest evidence (export.h), as STIX 2.1's valid_from */
	const struct rg_time *from = export_first_seen(s1->seen, a, e);
	const char *fv = export_time(s1->arena, from, false);
	if (fv != NULL)
		stix1_attr(s1,
		           stix1_text(s1, stix1_el(s1, n, S1_INDICATOR, "Valid_Time_Position"),
		                      S1_INDICATOR, "Start_Time", fv),
		           "precision", export_time_precision(from));
	if (s1->mitre)
		objects_pattern(s1, n, id, a, e);
	else
		stix1_attr(s1, stix1_el(s1, n, S1_INDICATOR, "Observable"), "idref", observable);
	/* the TTPs of the techniques the artifact or email names, each once */
	const struct rg_texts *techs = a != NULL ? &a->techniques : &e->techniques;
	for (size_t k = 0; k < techs->n; k++) {
		const struct rg_technique *m = techlink_find(s1->techlinks, techs->v[k].s);
		const char *ttp = m != NULL ? s1->ttp_of[m - s1->doc->mitre] : NULL;
		bool again = false;
		for (size_t j = 0; ttp != NULL && j < k; j++) {
			const struct rg_technique *o = techlink_find(s1->techlinks, techs->v[j].s);
			again = again || (o != NULL && s1->ttp_of[o - s1->doc->mitre] == ttp);
		}
		if (ttp == NULL || again)
			continue;
		xmlNodePtr t = stix1_el(s1, n, S1_INDICATOR, "Indicated_TTP");
		stix1_attr(s1, stix1_el(s1, t, S1_COMMON, "TTP"), "idref", ttp);
	}
	enum export_confidence conf = export_confidence(disp);
	if (conf != EXPORT_CONF_NONE)
		stix1_vocab(s1, stix1_el(s1, n, S1_INDICATOR, "Confidence"), S1_COMMON, "Value",
		            "stixVocabs:HighMediumLowVocab-1.0", export_confidence_words[conf]);
}

void stix1_indicators(struct stix1 *s1, xmlNodePtr pkg)
{
	const struct rg_doc *doc = s1->doc;
	xmlNodePtr list = NULL;
	for (size_t i = 0; i < doc->nartifacts; i++) {
		const struct rg_artifact *a = &doc->artifacts[i];
		if (!s1->arts[i].kept || s1->arts[i].indicator == NULL)
			continue;
		if (list == NULL)
			list = stix1_el(s1, pkg, S1_STIX, "Indicators");
		stix1_scratch_begin(s1);
		const char *title = rg_arena_printf(
		        s1->arena, "%s %s %s",
		        a->disposition == RG_DISP_MALICIOUS ? "Malicious" : "Suspicious",
		        rg_ioc_type_names[a->type] ? rg_ioc_type_names[a->type] : "string",
		        objects_value(a));
		objects_indicator(s1, list, s1->arts[i].indicator, title,
		                  ioc_type_info(a->type)->indicator_type,
		                  export_plain(s1->arena, a->comment.s), s1->arts[i].observable,
		                  a->disposition, a, NULL);
		stix1_scratch_end(s1);
	}
	for (size_t i = 0; i < doc->nemails; i++) {
		const struct rg_email *e = &doc->emails[i];
		if (e->verdict != RG_DISP_MALICIOUS && e->verdict != RG_DISP_SUSPICIOUS)
			continue;
		if (list == NULL)
			list = stix1_el(s1, pkg, S1_STIX, "Indicators");
		const char *title = objects_email_title(
		        s1, e,
		        e->verdict == RG_DISP_MALICIOUS ? "Malicious email" : "Suspicious email");
		objects_indicator(
		        s1, list,
		        stix1_id(s1, "Indicator", rg_arena_printf(s1->arena, "email\n%zu", i)),
		        title, "Malicious E-mail", export_plain(s1->arena, e->comment.s),
		        s1->email_obs[i], e->verdict, NULL, e);
	}
}

/* ------------------------------------------------------------------ */
/* Assets                                                              */
/* ------------------------------------------------------------------ */

void stix1_asset_observables(struct stix1 *s1, xmlNodePtr parent, const struct rg_asset *as)
{
	xmlNodePtr list = NULL;
	const char *name = as->name.s ? as->name.s : "";
	for (size_t k = 0; k <= as->ip.n; k++) {
		const char *v =
		        k < as->ip.n ? (as->ip.v[k].s ? ioc_refang(s1->arena, as->ip.v[k].s) : NULL)
		                     : name;
		if (v == NULL || v[0] == '\0' || export_is_withheld(&s1->withheld, v))
			continue;
		if (k == as->ip.n && as->ip.n > 0 && as->ip.v[0].s &&
		    strcmp(ioc_refang(s1->arena, as->ip.v[0].s), name) == 0)
			continue; /* the name defaulted to the first address */
		if (list == NULL) {
			list = stix1_el(s1, parent, S1_INCIDENT, "Structured_Description");
			stix1_attr(s1, list, "cybox_major_version", "2");
			stix1_attr(s1, list, "cybox_minor_version", "1");
			stix1_attr(s1, list, "cybox_update_version", s1->mitre ? "0" : "1");
		}
		const char *identity = rg_arena_printf(s1->arena, "asset\n%s\n%zu", name, k);
		xmlNodePtr o =
		        objects_observable(s1, list, stix1_id(s1, "Observable", identity), v, NULL);
		xmlNodePtr obj = stix1_el(s1, o, S1_CYBOX, "Object");
		if (k < as->ip.n) {
			stix1_attr(s1, obj, "id", stix1_id(s1, "Address", identity));
			const char *cat = strchr(v, '/')
			                          ? "cidr"
			                          : (strchr(v, ':') ? "ipv6-addr" : "ipv4-addr");
			objects_address(s1, objects_props(s1, obj, "AddressObj:AddressObjectType"),
			                cat, v);
		} else if (as->kind == RG_KIND_ACCOUNT) {
			stix1_attr(s1, obj, "id", stix1_id(s1, "UserAccount", identity));
			xmlNodePtr p =
			        objects_props(s1, obj, "UserAccountObj:UserAccountObjectType");
			stix1_text(s1, p, S1_ACCOUNT, "Domain", as->domain.s);
			stix1_text(s1, p, S1_USERACCOUNT, "Username", v);
		} else {
			stix1_attr(s1, obj, "id", stix1_id(s1, "Hostname", identity));
			stix1_text(s1, objects_props(s1, obj, "HostnameObj:HostnameObjectType"),
			           S1_HOSTNAME, "Hostname_Value", v);
		}
	}
}

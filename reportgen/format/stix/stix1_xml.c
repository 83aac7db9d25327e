/* stix1_xml.c: element, attribute and id helpers of the STIX 1.2.1 back end (XML-safe text). */
#include <string.h>

#include "stix1.h"
#include "utf8.h"
#include "uuid.h"
#include "xmllib.h"

/* Length of the UTF-8 sequence at s when it encodes a character XML 1.0 allows, else 0. */
static size_t stix1_xml_char(const unsigned char *s)
{
	uint32_t cp;
	size_t k = utf8_decode((const char *)s, UTF8_MAXLEN, &cp);
	if (k == 0)
		return 0;
	if (k == 1)
		return cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r' ? 1 : 0;
	return cp == 0xFFFE || cp == 0xFFFF ? 0 : k;
}

/* s with every character XML 1.0 forbids (and any stray byte) replaced by U+FFFD; s itself
 * when nothing needs replacing, else an arena copy. */
static const char *stix1_safe(struct stix1 *s1, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	while (p[i] != '\0' && (k = stix1_xml_char(p + i)) != 0)
		i += k;
	if (p[i] == '\0')
		return s;
	size_t n = strlen(s);
	char *out = rg_arena_alloc(s1->arena, n * 3 + 1), *o = out;
	for (i = 0; p[i] != '\0';) {
		k = stix1_xml_char(p + i);
		if (k == 0) {
			o = stpcpy(o, UTF8_REPLACEMENT);
			i++;
			while (utf8_is_cont(p[i]))
				i++;
		} else {
			memcpy(o, p + i, k);
			o += k;
			i += k;
		}
	}
	*o = '\0';
	return out;
}

void stix1_scratch_begin(struct stix1 *s1)
{
	if (s1->scratch == NULL)
		s1->scratch = rg_arena_new();
	s1->keep = s1->arena;
	s1->arena = s1->scratch;
}

void stix1_scratch_end(struct stix1 *s1)
{
	rg_arena_reset(s1->scratch);
	s1->arena = s1->keep;
}

xmlNodePtr stix1_el(struct stix1 *s1, xmlNodePtr parent, enum stix1_ns ns, const char *name)
{
	stix1_stream_child(s1, parent);
	return rg_xml.xmlNewChild(parent, s1->ns[ns], (const xmlChar *)name, NULL);
}

xmlNodePtr stix1_text(struct stix1 *s1, xmlNodePtr parent, enum stix1_ns ns, const char *name,
                      const char *text)
{
	if (text == NULL || text[0] == '\0')
		return NULL;
	stix1_stream_child(s1, parent);
	return rg_xml.xmlNewTextChild(parent, s1->ns[ns], (const xmlChar *)name,
	                              (const xmlChar *)stix1_safe(s1, text));
}

/* False (and the export failed) when node's start tag is already written: an attribute
 * set after its children is a builder's bug (stix1_stream.c). */
static bool stix1_attr_ok(struct stix1 *s1, xmlNodePtr node)
{
	if (node->_private == NULL)
		return true;
	s1->out_failed = true;
	return false;
}

void stix1_attr(struct stix1 *s1, xmlNodePtr node, const char *name, const char *value)
{
	if (node != NULL && value != NULL && value[0] != '\0' && stix1_attr_ok(s1, node))
		rg_xml.xmlNewProp(node, (const xmlChar *)name,
		                  (const xmlChar *)stix1_safe(s1, value));
}

void stix1_xsi_type(struct stix1 *s1, xmlNodePtr node, const char *qname)
{
	if (stix1_attr_ok(s1, node))
		rg_xml.xmlNewNsProp(node, s1->ns[S1_XSI], (const xmlChar *)"type",
		                    (const xmlChar *)qname);
}

const char *stix1_id(struct stix1 *s1, const char *kind, const char *identity)
{
	char uuid[37];
	uuid_doc_text(s1->doc, kind, identity, uuid);
	return rg_arena_printf(s1->arena, "reportgen:%s-%s", kind, uuid);
}

const char *stix1_coa_id(struct stix1 *s1, const char *list, size_t i)
{
	return stix1_id(s1, "COA", rg_arena_printf(s1->arena, "%s\n%zu", list, i));
}

xmlNodePtr stix1_vocab(struct stix1 *s1, xmlNodePtr parent, enum stix1_ns ns, const char *name,
                       const char *vocab, const char *text)
{
	xmlNodePtr n = stix1_text(s1, parent, ns, name, text);
	if (n != NULL && vocab != NULL)
		stix1_xsi_type(s1, n, vocab);
	return n;
}

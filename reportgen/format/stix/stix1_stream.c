/* stix1_stream.c: the package is written while it is built, so that only the object being
 * built is held as a tree. The builders add every node through stix1_el or stix1_text, and
 * they add to the newest child of a section (Observables, Indicators, ...) only: when a
 * section gets a new child, its earlier children are complete, and when the package gets a
 * new section, the earlier sections are. Those are then written, with the indentation and
 * line breaks xmlSaveFormatFileTo gives the whole document (format 1, two spaces a level),
 * and freed. The bytes are those of the whole tree saved at once. */
#include <string.h>

#include <libxml/xmlsave.h>

#include "stix1.h"

static void stream_write(struct stix1 *s1, const char *s)
{
	if (xmlOutputBufferWriteString(s1->out, s) < 0)
		s1->out_failed = true;
}

/* The start tag of n alone: n dumped without its children ("<a x=\"1\"/>"), as "<a x=\"1\">". */
static void stream_start_tag(struct stix1 *s1, xmlNodePtr n)
{
	xmlNodePtr first = n->children, last = n->last;
	n->children = n->last = NULL;
	xmlOutputBufferPtr b = xmlAllocOutputBuffer(NULL);
	if (b == NULL) {
		s1->out_failed = true;
	} else {
		xmlNodeDumpOutput(b, s1->xml, n, 0, 1, "UTF-8");
		size_t len = xmlOutputBufferGetSize(b);
		const char *tag = (const char *)xmlOutputBufferGetContent(b);
		if (tag == NULL || len < 2 || strcmp(tag + len - 2, "/>") != 0) {
			s1->out_failed = true;
		} else if (xmlOutputBufferWrite(s1->out, (int)len - 2, tag) < 0 ||
		           xmlOutputBufferWriteString(s1->out, ">") < 0) {
			s1->out_failed = true;
		}
		xmlOutputBufferClose(b);
	}
	n->children = first;
	n->last = last;
}

/* Writes node n whole at nesting level `level` (indent: its spaces), then frees it. */
static void stream_node(struct stix1 *s1, xmlNodePtr n, int level, const char *indent)
{
	stream_write(s1, indent);
	xmlNodeDumpOutput(s1->out, s1->xml, n, level, 1, "UTF-8");
	stream_write(s1, "\n");
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Writes and frees every child section sec has so far, after its start tag (once). */
static void stream_children(struct stix1 *s1, xmlNodePtr sec)
{
	if (sec->children == NULL)
		return;
	if (s1->open != sec) {
		stream_write(s1, "  ");
		stream_start_tag(s1, sec);
		stream_write(s1, "\n");
		s1->open = sec;
	}
	while (sec->children != NULL)
		stream_node(s1, sec->children, 2, "    ");
}

/* Ends section sec: written whole when nothing of it was written yet, else its remaining
 * children and its end tag; then freed. */
static void stream_section(struct stix1 *s1, xmlNodePtr sec)
{
	if (s1->open != sec) {
		stream_node(s1, sec, 1, "  ");
		return;
	}
	stream_children(s1, sec);
	stream_write(s1, "  </");
	if (sec->ns != NULL && sec->ns->prefix != NULL) {
		stream_write(s1, (const char *)sec->ns->prefix);
		stream_write(s1, ":");
	}
	stream_write(s1, (const char *)sec->name);
	stream_write(s1, ">\n");
	s1->open = NULL;
	xmlUnlinkNode(sec);
	xmlFreeNode(sec);
}

void stix1_stream_begin(struct stix1 *s1, xmlOutputBufferPtr out)
{
	s1->out = out;
	stream_write(s1, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	stream_start_tag(s1, xmlDocGetRootElement(s1->xml));
	stream_write(s1, "\n");
}

void stix1_stream_child(struct stix1 *s1, xmlNodePtr parent)
{
	if (s1->out == NULL || parent == NULL)
		return;
	xmlNodePtr root = xmlDocGetRootElement(s1->xml);
	if (parent == root) {
		while (root->children != NULL)
			stream_section(s1, root->children);
	} else if (parent->parent == root) {
		stream_children(s1, parent);
	}
}

bool stix1_stream_end(struct stix1 *s1)
{
	xmlNodePtr root = xmlDocGetRootElement(s1->xml);
	stix1_stream_child(s1, root);
	stream_write(s1, "</");
	if (root->ns != NULL && root->ns->prefix != NULL) {
		stream_write(s1, (const char *)root->ns->prefix);
		stream_write(s1, ":");
	}
	stream_write(s1, (const char *)root->name);
	stream_write(s1, ">\n");
	s1->out = NULL;
	return !s1->out_failed;
}

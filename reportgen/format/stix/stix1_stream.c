/* stix1_stream.c: the package is written while it is built, so that only the objects being
 * built are held as a tree, however large one of them is (the Incident of 100,000
 * artifacts relates each of them). The builders add every node through stix1_el or
 * stix1_text, and they add to the newest node or to one of its ancestors only (the path
 * from the package down to the node last added): so when a node gets a new child, its
 * earlier children are complete, and every node off that path is. Those are written, with
 * the indentation and line breaks xmlSaveFormatFileTo gives the whole document (format 1,
 * two spaces a level), and freed; below STIX1_OPEN_LEVELS, a node is written whole with its
 * ancestor of the deepest open level (an observable, a relation entry). The nodes on the path whose
 * start tags are written are "open" (s1->open); one of them takes no more attributes (stix1_attr
 * fails the export if asked to). A builder that revisits a subtree it added holds the stream
 * (s1->hold) while it builds it. The bytes are those of the whole tree saved at once. */
#include <string.h>

#include "stix1.h"

static void stream_write(struct stix1 *s1, const char *s)
{
	if (rg_xml.xmlOutputBufferWriteString(s1->out, s) < 0)
		s1->out_failed = true;
}

static void stream_indent(struct stix1 *s1, int level)
{
	static const char spaces[] = "                                                            ";
	int n = 2 * level;
	if (n > (int)sizeof(spaces) - 1) /* libxml2 indents no deeper either */
		n = (int)sizeof(spaces) - 1;
	stream_write(s1, spaces + sizeof(spaces) - 1 - n);
}

/* The start tag of n alone: n dumped without its children ("<a x=\"1\"/>"), as "<a x=\"1\">". */
static void stream_start_tag(struct stix1 *s1, xmlNodePtr n)
{
	xmlNodePtr first = n->children, last = n->last;
	n->children = n->last = NULL;
	xmlOutputBufferPtr b = rg_xml.xmlAllocOutputBuffer(NULL);
	if (b == NULL) {
		s1->out_failed = true;
	} else {
		rg_xml.xmlNodeDumpOutput(b, s1->xml, n, 0, 1, "UTF-8");
		size_t len = rg_xml.xmlOutputBufferGetSize(b);
		const char *tag = (const char *)rg_xml.xmlOutputBufferGetContent(b);
		if (tag == NULL || len < 2 || strcmp(tag + len - 2, "/>") != 0) {
			s1->out_failed = true;
		} else if (rg_xml.xmlOutputBufferWrite(s1->out, (int)len - 2, tag) < 0 ||
		           rg_xml.xmlOutputBufferWriteString(s1->out, ">") < 0) {
			s1->out_failed = true;
		}
		rg_xml.xmlOutputBufferClose(b);
	}
	n->children = first;
	n->last = last;
}

static void stream_end_tag(struct stix1 *s1, xmlNodePtr n, int level)
{
	stream_indent(s1, level);
	stream_write(s1, "</");
	if (n->ns != NULL && n->ns->prefix != NULL) {
		stream_write(s1, (const char *)n->ns->prefix);
		stream_write(s1, ":");
	}
	stream_write(s1, (const char *)n->name);
	stream_write(s1, ">\n");
}

/* Writes node n whole at nesting level `level`, then frees it. */
static void stream_node(struct stix1 *s1, xmlNodePtr n, int level)
{
	stream_indent(s1, level);
	rg_xml.xmlNodeDumpOutput(s1->out, s1->xml, n, level, 1, "UTF-8");
	stream_write(s1, "\n");
	rg_xml.xmlUnlinkNode(n);
	rg_xml.xmlFreeNode(n);
}

/* Writes and frees the children of open node n (at `level`) that come before `upto`. */
static void stream_children(struct stix1 *s1, xmlNodePtr n, int level, xmlNodePtr upto)
{
	while (n->children != NULL && n->children != upto)
		stream_node(s1, n->children, level + 1);
}

/* Closes the innermost open node: its remaining children, its end tag; frees it. */
static void stream_close(struct stix1 *s1)
{
	int level = (int)--s1->nopen;
	xmlNodePtr n = s1->open[level];
	stream_children(s1, n, level, NULL);
	stream_end_tag(s1, n, level);
	rg_xml.xmlUnlinkNode(n);
	rg_xml.xmlFreeNode(n);
}

static void stream_open(struct stix1 *s1, xmlNodePtr n)
{
	stream_indent(s1, (int)s1->nopen);
	stream_start_tag(s1, n);
	stream_write(s1, "\n");
	n->_private = s1;
	s1->open[s1->nopen++] = n;
}

void stix1_stream_begin(struct stix1 *s1, xmlOutputBufferPtr out)
{
	s1->out = out;
	s1->nopen = 0;
	stream_write(s1, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	stream_open(s1, rg_xml.xmlDocGetRootElement(s1->xml));
}

void stix1_stream_child(struct stix1 *s1, xmlNodePtr parent)
{
	if (s1->out == NULL || parent == NULL || s1->hold > 0)
		return;
	xmlNodePtr path[STIX1_DEPTH];
	size_t depth = 0;
	for (xmlNodePtr n = parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (depth == STIX1_DEPTH) {
			s1->out_failed = true;
			return;
		}
		path[depth++] = n;
	}
	/* path[depth - 1] is the package, path[0] the parent; open[k] is at level k */
	if (depth == 0 || path[depth - 1] != s1->open[0]) {
		s1->out_failed = true; /* a node outside the package: a builder's bug */
		return;
	}
	/* only the levels above STIX1_OPEN_LEVELS open: deeper nodes are written with the
	 * node of that level they are in, one dump each (a dump has a fixed cost) */
	size_t keep = depth < STIX1_OPEN_LEVELS ? depth : STIX1_OPEN_LEVELS;
	xmlNodePtr *top = path + (depth - keep);         /* top[keep - 1] is the package */
	xmlNodePtr upto = depth > keep ? top[-1] : NULL; /* target's child being built */
	while (s1->nopen > keep || s1->open[s1->nopen - 1] != top[keep - s1->nopen])
		stream_close(s1);
	xmlNodePtr target = top[0];
	if (target->children == NULL || target->children == upto)
		return;
	/* earlier children are complete: open the path down to target and write them */
	while (s1->nopen < keep) {
		xmlNodePtr n = top[keep - 1 - s1->nopen];
		stream_children(s1, n->parent, (int)s1->nopen - 1, n);
		stream_open(s1, n);
	}
	stream_children(s1, target, (int)keep - 1, upto);
}

bool stix1_stream_end(struct stix1 *s1)
{
	xmlNodePtr root = s1->open[0];
	while (s1->nopen > 1)
		stream_close(s1);
	stream_children(s1, root, 0, NULL);
	stream_end_tag(s1, root, 0);
	root->_private = NULL;
	s1->nopen = 0;
	s1->out = NULL;
	return !s1->out_failed;
}

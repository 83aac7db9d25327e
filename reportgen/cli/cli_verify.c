/* cli_verify.c: an output is checked whole before it is renamed into place or printed: not
 * empty; a PDF starts with its header and ends with a cross-reference section, trailer,
 * startxref and %%EOF; XML is well-formed to its last end tag (libxml2's push parser with
 * no content callbacks: it builds nothing, and runs twice as fast as its reader);
 * JSON is one complete value (json_check, streaming). A file is read in chunks (XML, JSON)
 * or through a mapping of which only the head and tail are touched (PDF), so checking a
 * large export costs neither its size in memory nor a tree of it. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_verify.h"
#include "json_check.h"
#include "xmllib.h"

static bool verify_ends_with(const char *ext, const char *suffix)
{
	size_t n = strlen(ext), k = strlen(suffix);
	return n >= k && strcmp(ext + n - k, suffix) == 0;
}

/* The last occurrence of needle in the n bytes at h, or NULL. */
static const unsigned char *verify_last(const unsigned char *h, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (memcmp(h + i, needle, k) == 0)
			return h + i;
	return NULL;
}

static const char *verify_pdf(const unsigned char *b, size_t n)
{
	if (n < 5 || memcmp(b, "%PDF-", 5) != 0)
		return "the PDF does not start with a %PDF- header";
	size_t end = n;
	while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == ' '))
		end--;
	if (end < 5 || memcmp(b + end - 5, "%%EOF", 5) != 0)
		return "the PDF does not end with %%EOF";
	size_t tail = end > 2048 ? 2048 : end;
	const unsigned char *sx = verify_last(b + end - tail, tail, "startxref");
	if (sx == NULL)
		return "the PDF has no startxref before its %%EOF";
	const unsigned char *p = sx + 9, *lim = b + end;
	while (p < lim && (*p == '\n' || *p == '\r' || *p == ' '))
		p++;
	unsigned long long off = 0;
	int digits = 0;
	for (; p < lim && *p >= '0' && *p <= '9' && digits < 19; p++, digits++)
		off = off * 10 + (unsigned)(*p - '0');
	if (digits == 0 || off + 4 > n)
		return "the PDF's startxref does not point into the file";
	if (memcmp(b + off, "xref", 4) == 0) {
		if (verify_last(b + off, (size_t)(sx - (b + off)), "trailer") == NULL)
			return "the PDF has no trailer after its cross-reference table";
	} else {
		unsigned obj, gen;
		char kw[4] = {0};
		char head[48] = {0};
		memcpy(head, b + off, n - off < sizeof(head) - 1 ? n - off : sizeof(head) - 1);
		if (sscanf(head, "%u %u %3s", &obj, &gen, kw) != 3 || strcmp(kw, "obj") != 0)
			return "the PDF's startxref does not point at its cross-reference section";
	}
	return NULL;
}

struct verify_xml {
	char msg[160];
};

static void verify_xml_error(void *ctx, xmlErrorPtr e)
{
	struct verify_xml *v = ctx;
	if (v->msg[0] == '\0' && e != NULL)
		snprintf(v->msg, sizeof(v->msg), "the XML is not well-formed at line %d: %.100s",
		         e->line, e->message != NULL ? e->message : "");
}

/* A push parser that only checks: SAX2 without a callback but the error one. */
static xmlParserCtxtPtr verify_xml_new(struct verify_xml *v)
{
	if (xmllib_load() != NULL)
		return NULL;
	xmlSAXHandler sax = {0}; /* the parser copies it */
	sax.initialized = XML_SAX2_MAGIC;
	sax.serror = verify_xml_error;
	xmlParserCtxtPtr c = rg_xml.xmlCreatePushParserCtxt(&sax, v, NULL, 0, NULL);
	if (c != NULL)
		rg_xml.xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_HUGE);
	return c;
}

/* Feeds n bytes (the last chunk with `end`); false once the document is known bad. */
static bool verify_xml_feed(xmlParserCtxtPtr c, const unsigned char *b, size_t n, bool end)
{
	while (n > 0 || end) {
		int k = n > (1u << 30) ? 1 << 30 : (int)n;
		bool last = end && (size_t)k == n;
		if (rg_xml.xmlParseChunk(c, (const char *)b, k, last) != XML_ERR_OK ||
		    !c->wellFormed)
			return false;
		if (last)
			return true;
		b += k;
		n -= (size_t)k;
	}
	return true;
}

/* The verdict of a parse fed to its end: NULL when the document is well-formed. */
static const char *verify_xml_end(xmlParserCtxtPtr c, bool ok, struct verify_xml *v, char *buf,
                                  size_t len)
{
	if (c == NULL && xmllib_load() != NULL) {
		snprintf(buf, len, "cannot load libxml2 to check the XML: %s", xmllib_load());
		return buf;
	}
	if (c == NULL)
		return "out of memory while checking the XML";
	ok = ok && c->wellFormed && v->msg[0] == '\0';
	rg_xml.xmlFreeParserCtxt(c);
	if (ok)
		return NULL;
	snprintf(buf, len, "%s", v->msg[0] ? v->msg : "the XML is not well-formed");
	return buf;
}

static const char *verify_xml(const unsigned char *b, size_t n, char *buf, size_t len)
{
	struct verify_xml v = {{0}};
	xmlParserCtxtPtr c = verify_xml_new(&v);
	return verify_xml_end(c, c != NULL && verify_xml_feed(c, b, n, true), &v, buf, len);
}

/* The XML file read on from fd in chunks. */
static const char *verify_xml_fd(int fd, char *buf, size_t len)
{
	struct verify_xml v = {{0}};
	xmlParserCtxtPtr c = verify_xml_new(&v);
	unsigned char chunk[65536];
	bool ok = c != NULL;
	while (ok) {
		ssize_t k = read(fd, chunk, sizeof(chunk));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			rg_xml.xmlFreeParserCtxt(c);
			return "the output cannot be read back";
		}
		ok = verify_xml_feed(c, chunk, (size_t)k, k == 0);
		if (k == 0)
			break;
	}
	return verify_xml_end(c, ok, &v, buf, len);
}

static const char *verify_json(const unsigned char *b, size_t n)
{
	struct json_check j;
	json_check_init(&j);
	json_check_feed(&j, b, n);
	return json_check_end(&j);
}

const char *verify_output(const unsigned char *b, size_t n, const char *ext, char *buf, size_t len)
{
	if (n == 0)
		return "the output is empty";
	if (verify_ends_with(ext, ".pdf"))
		return verify_pdf(b, n);
	if (verify_ends_with(ext, ".xml"))
		return verify_xml(b, n, buf, len);
	if (verify_ends_with(ext, ".json"))
		return verify_json(b, n);
	return NULL;
}

/* The JSON file read on from fd in chunks. */
static const char *verify_json_fd(int fd)
{
	struct json_check j;
	json_check_init(&j);
	unsigned char chunk[65536];
	const char *why = NULL;
	for (;;) {
		ssize_t k = read(fd, chunk, sizeof(chunk));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			why = "the output cannot be read back";
			break;
		}
		if (k == 0 || !json_check_feed(&j, chunk, (size_t)k))
			break;
	}
	return why != NULL ? why : json_check_end(&j);
}

const char *verify_file(const char *path, const char *ext, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return "the output cannot be read back";
	}
	if (st.st_size == 0) {
		close(fd);
		return "the output is empty";
	}
	const char *why;
	if (verify_ends_with(ext, ".json")) {
		why = verify_json_fd(fd);
		close(fd);
		return why;
	}
	if (verify_ends_with(ext, ".xml")) {
		why = verify_xml_fd(fd, buf, len);
		close(fd);
		return why;
	}
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return "the output cannot be read back";
	why = verify_output(m, (size_t)st.st_size, ext, buf, len);
	munmap(m, (size_t)st.st_size);
	return why;
}

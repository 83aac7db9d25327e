/* draw_flate.c: the PDF's streams deflated with libdeflate.
 *
 * Pages. libharu 2.3.0 holds every page's content stream uncompressed until it saves (about
 * 50 KB a page of a dense table), deflating each one only then. A page is never drawn on
 * again once draw.c has drawn it, so its stream is deflated at once instead (at
 * DFLATE_PAGE_LEVEL); the stream's dictionary is then marked unfiltered for libharu, which
 * copies the data as it stands, and its write hook writes the /Filter entry libharu would
 * have written, at the same place (after the other entries).
 *
 * The rest. libharu deflates every other stream (the embedded fonts, ToUnicode maps,
 * images) with zlib when it saves, in HPDF_Stream_WriteToStreamWithDeflate, which it calls
 * through the dynamic linker. The definition below, which the executable exports because
 * libhpdf names it, takes those calls while draw.c saves a document (dflate_save_begin to
 * dflate_save_end) and deflates at DFLATE_SAVE_LEVEL; at any other time, or for an
 * encrypted document, it hands the call to libharu's own.
 *
 * libdeflate rather than zlib, by measurement (the seed's streams, 200 rounds, this
 * machine): its level 1 deflates the 8 pages in 0.23 ms to 17,493 bytes where zlib's level
 * 1 took 0.5 ms for 18,635; its level 6 the four fonts in 0.16 ms to 17,895 bytes, zlib's
 * (libharu's) 0.56 ms for 17,881. It compresses whole buffers only: a stream's buffers are
 * gathered first (a memcpy). */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "draw_flate.h"
#include "reportgen.h"

/* Levels chosen by measurement (bench/README.md, "Fixed cost"). */
#define DFLATE_PAGE_LEVEL 1
#define DFLATE_SAVE_LEVEL 6

struct dflate {
	struct libdeflate_compressor *page, *save; /* made on first use */
	unsigned char *in, *out;                   /* a stream's bytes gathered; deflated */
	size_t incap, outcap;
};

/* The document draw.c is saving, whose compressor takes libharu's deflating. */
static _Thread_local struct dflate *dflate_saving;

struct dflate *dflate_new(void)
{
	return rg_xcalloc(1, sizeof(struct dflate));
}

void dflate_free(struct dflate *df)
{
	if (df == NULL)
		return;
	libdeflate_free_compressor(df->page);
	libdeflate_free_compressor(df->save);
	free(df->in);
	free(df->out);
	free(df);
}

static void dflate_room(unsigned char **buf, size_t *cap, size_t n)
{
	if (n <= *cap)
		return;
	free(*buf);
	*buf = rg_xmalloc(n);
	*cap = n;
}

/* A memory stream's first `size` bytes in one buffer: its own when it has one, else
 * df->in. NULL when the stream holds fewer. */
static const unsigned char *dflate_gather(struct dflate *df, HPDF_Stream s, size_t size)
{
	HPDF_UINT nbuf = HPDF_MemStream_GetBufCount(s), len = 0;
	if (nbuf == 1) {
		HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, 0, &len);
		return b != NULL && len >= size ? b : NULL;
	}
	dflate_room(&df->in, &df->incap, size ? size : 1);
	size_t fed = 0;
	for (HPDF_UINT i = 0; i < nbuf && fed < size; i++) {
		HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, i, &len);
		if (b == NULL)
			return NULL;
		if (len > size - fed) /* the last buffer is partly filled */
			len = (HPDF_UINT)(size - fed);
		memcpy(df->in + fed, b, len);
		fed += len;
	}
	return fed == size ? df->in : NULL;
}

/* Deflates n bytes at in as a zlib stream with *c (made at `level` on first use) into
 * df->out; returns its length, 0 on failure. */
static size_t dflate_run(struct dflate *df, struct libdeflate_compressor **c, int level,
                         const unsigned char *in, size_t n)
{
	if (*c == NULL && (*c = libdeflate_alloc_compressor(level)) == NULL)
		return 0;
	size_t bound = libdeflate_zlib_compress_bound(*c, n);
	dflate_room(&df->out, &df->outcap, bound);
	return libdeflate_zlib_compress(*c, in, n, df->out, bound);
}

static HPDF_STATUS dflate_write_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter [ /FlateDecode ]\012");
}

bool dflate_page(struct dflate *df, HPDF_Page page)
{
	HPDF_Dict pd = (HPDF_Dict)page;
	if (pd == NULL || pd->attr == NULL)
		return false;
	HPDF_PageAttr attr = pd->attr;
	HPDF_Dict c = attr->contents;
	if (c == NULL || c->stream == NULL || c->stream != attr->stream ||
	    c->stream->type != HPDF_STREAM_MEMORY || c->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    c->write_fn != NULL || c->filterParams != NULL)
		return false;
	HPDF_Stream s = c->stream;
	HPDF_UINT32 size = HPDF_Stream_Size(s);
	if (size == 0)
		return true; /* libharu writes an empty stream as it is */
	const unsigned char *in = dflate_gather(df, s, size);
	size_t n = in != NULL ? dflate_run(df, &df->page, DFLATE_PAGE_LEVEL, in, size) : 0;
	if (n == 0 || n > 0xffffffffu)
		return false;
	HPDF_MemStream_FreeData(s);
	/* the deflated bytes in one buffer of their size, not in 4 KB ones (a page of a dense
	 * table deflates to ~1.7 KB): libharu's memory stream allocates buf_siz bytes whenever
	 * the last buffer is full, which FreeData's w_pos == buf_siz says, and reads buffers of
	 * buf_siz */
	HPDF_MemStreamAttr ma = s->attr;
	ma->buf_siz = (HPDF_UINT)n;
	ma->w_pos = ma->buf_siz;
	bool ok = HPDF_Stream_Write(s, df->out, (HPDF_UINT)n) == HPDF_OK;
	/* a failed write leaves libharu's error set: the document fails as a whole */
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = dflate_write_filter;
	return ok;
}

void dflate_save_begin(struct dflate *df)
{
	dflate_saving = df;
}

void dflate_save_end(void)
{
	dflate_saving = NULL;
}

/* libharu's own, for the calls this one does not take. */
static HPDF_STATUS dflate_libharu(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e)
{
	static HPDF_STATUS (*own)(HPDF_Stream, HPDF_Stream, HPDF_Encrypt);
	if (own == NULL)
		*(void **)&own = dlsym(RTLD_NEXT, "HPDF_Stream_WriteToStreamWithDeflate");
	if (own == NULL)
		return HPDF_SetError(src->error, HPDF_ZLIB_ERROR, 0);
	return own(src, dst, e);
}

/* libharu 2.3.0's, as it writes a stream's bytes deflated (a zlib stream) into dst. */
HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e)
{
	struct dflate *df = dflate_saving;
	if (df == NULL || e != NULL || src->type != HPDF_STREAM_MEMORY)
		return dflate_libharu(src, dst, e);
	size_t size = HPDF_Stream_Size(src);
	const unsigned char *in = dflate_gather(df, src, size);
	if (in == NULL)
		return dflate_libharu(src, dst, e);
	size_t n = dflate_run(df, &df->save, DFLATE_SAVE_LEVEL, in, size);
	if (n == 0 || n > 0xffffffffu)
		return HPDF_SetError(src->error, HPDF_ZLIB_ERROR, 0);
	return HPDF_Stream_Write(dst, df->out, (HPDF_UINT)n);
}

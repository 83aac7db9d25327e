/* draw_flate.c: libharu 2.3.0 holds every page's content stream uncompressed until it saves
 * (about 50 KB a page of a dense table), deflating each one only then. A page is never drawn
 * on again once draw.c has drawn it, so its stream is deflated at once instead (at
 * DFLATE_LEVEL, one zlib stream a page, reset between pages: zlib's ~270 KB of state is
 * allocated and faulted in once a document, not once a page); the stream's dictionary is then
 * marked unfiltered for libharu, which copies the data as it stands, and its write hook writes the
 * /Filter entry libharu would have written, at the same place (after the other entries). */
#include <stdlib.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "draw_flate.h"
#include "reportgen.h"

/* zlib's level for pages, chosen by measurement (pages of literal-string text, the seed
 * incident and 10,000 generated artifacts): level 6, libharu's (Z_DEFAULT_COMPRESSION),
 * takes twice the time of level 1 for 10 % fewer bytes: the seed's 8 pages deflate in
 * 0.66 ms against 1.27 ms (18,323 bytes against 16,305), and render --format pdf of 10,000
 * artifacts is 10 % faster for a PDF 11 % larger (1.24 MB against 1.12 MB); levels 2 to 5
 * fall between. Fonts and the other streams keep libharu's level. */
#define DFLATE_LEVEL Z_BEST_SPEED

static HPDF_STATUS dflate_write_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter [ /FlateDecode ]\012");
}

struct dflate {
	z_stream z;
	bool live; /* z is initialised */
	unsigned char *out;
	size_t cap;
};

struct dflate *dflate_new(void)
{
	return rg_xcalloc(1, sizeof(struct dflate));
}

void dflate_free(struct dflate *df)
{
	if (df == NULL)
		return;
	if (df->live)
		deflateEnd(&df->z);
	free(df->out);
	free(df);
}

/* df's stream, ready for a new page: what deflateInit would give. */
static bool dflate_ready(struct dflate *df)
{
	if (df->live)
		return deflateReset(&df->z) == Z_OK;
	df->z = (z_stream){0};
	df->live = deflateInit(&df->z, DFLATE_LEVEL) == Z_OK;
	return df->live;
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
	HPDF_UINT nbuf = HPDF_MemStream_GetBufCount(s);
	HPDF_UINT32 size = HPDF_Stream_Size(s);
	if (size == 0)
		return true; /* libharu writes an empty stream as it is */
	if (!dflate_ready(df))
		return false;
	z_stream *z = &df->z;
	uLong cap = deflateBound(z, size);
	if (cap > df->cap) {
		free(df->out);
		df->out = rg_xmalloc(cap);
		df->cap = cap;
	}
	z->next_out = df->out;
	z->avail_out = (uInt)cap;
	int rc = Z_OK;
	HPDF_UINT32 fed = 0;
	for (HPDF_UINT i = 0; i < nbuf && rc == Z_OK; i++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, i, &len);
		if (b == NULL)
			break;
		if (len > size - fed) /* the last buffer is partly filled */
			len = size - fed;
		z->next_in = b;
		z->avail_in = len;
		fed += len;
		rc = deflate(z, Z_NO_FLUSH);
	}
	if (rc == Z_OK && fed == size)
		rc = deflate(z, Z_FINISH);
	bool ok = rc == Z_STREAM_END && z->total_out <= 0xffffffffu;
	uLong n = z->total_out;
	if (ok) {
		HPDF_MemStream_FreeData(s);
		/* the deflated bytes in one buffer of their size, not in 4 KB ones (a page of a
		 * dense table deflates to ~1.7 KB): libharu's memory stream allocates buf_siz
		 * bytes whenever the last buffer is full, which FreeData's w_pos == buf_siz
		 * says, and reads buffers of buf_siz */
		HPDF_MemStreamAttr ma = s->attr;
		ma->buf_siz = (HPDF_UINT)n;
		ma->w_pos = ma->buf_siz;
		ok = HPDF_Stream_Write(s, df->out, (HPDF_UINT)n) == HPDF_OK;
		/* a failed write leaves libharu's error set: the document fails as a whole */
		c->filter = HPDF_STREAM_FILTER_NONE;
		c->write_fn = dflate_write_filter;
	}
	return ok;
}

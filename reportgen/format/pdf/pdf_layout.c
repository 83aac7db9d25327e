/* pdf_layout.c: the hidden "layout" format: the PDF report's layout decisions as text, for
 * golden tests of line and page breaking (not rendered by default, not listed). */
#include "hblib.h"
#include "pdf_build.h"

static int pdf_layout_render(const struct rg_doc *d, const struct rg_render_opts *o, FILE *fp)
{
	return pdf_render_via(d, o, fp, lay_layout);
}

const struct rg_format format_layout = {
        "layout", ".layout", false, true, pdf_layout_render, false, template_check, hblib_prepare};

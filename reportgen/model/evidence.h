/* evidence.h: the files a (validated) document was made from, with their SHA-256: the
 * incident file, every image shown and every attachment found at its path. */
#ifndef RG_EVIDENCE_H
#define RG_EVIDENCE_H

#include "reportgen.h"

enum evidence_kind { EVIDENCE_INCIDENT, EVIDENCE_IMAGE, EVIDENCE_ATTACHMENT };
extern const char *const evidence_kind_names[]; /* "incident file", "image", "attachment" */

struct evidence_file {
	const char *name; /* as the report gives it: the incident file without its folder */
	enum evidence_kind kind;
	const char *sha256; /* lowercase hex */
};

/* The files of doc (an edition: what it shows), in report order, each (name, digest) once;
 * returns how many (*out arena-owned). */
size_t evidence_files(struct rg_arena *, const struct rg_doc *, struct evidence_file **out);

#endif

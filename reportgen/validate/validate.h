/* validate.h: internals shared by the validator's files (validate.c, validate_attack.c). */
#ifndef RG_VALIDATE_H
#define RG_VALIDATE_H

#include <stdarg.h>

#include "reportgen.h"

struct val {
	struct rg_doc *doc;
	struct rg_diags *diags;
	const struct rg_asset **assets; /* assets with a name, sorted by (name, file order) */
	size_t nassets;
	size_t *arts; /* artifact indexes with a value, sorted by (refanged value, file order) */
	size_t narts;
	unsigned name_hints; /* "did you mean" searches over ATT&CK names so far (bounded) */
	const char **images; /* resolved paths of the distinct images so far (heap) */
	size_t nimages;
	uint64_t image_pixels; /* their pixels, for IMG_MAX_DOC_PIXELS */
};

/* Reports through rg_diag() at pos in the document's file; path is printf-formatted by the
 * caller (e.g. "artifacts[3].value"). Inline, so that the validator's files share it without
 * depending on each other. */
static inline void val_report(struct val *, struct rg_pos pos, enum rg_diag_code, const char *path,
                              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static inline void val_report(struct val *v, struct rg_pos pos, enum rg_diag_code code,
                              const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rg_diag_vreport(v->diags, v->doc->file, pos, code, path, fmt, ap);
	va_end(ap);
}

/* validate_files.c: one rule for the files an incident names: p inside the incident file's
 * folder, a regular file. Returns the problem (what is wrong with the `noun` at p; `empty`
 * for an empty path) or NULL and the real path; *err is errno when the file is not found. */
const char *val_confine(struct val *, const char *p, const char *noun, const char *empty,
                        const char **real, int *err);
/* The SHA-256 of a resolved image (key: the key path of its path), its sha256 checked. */
void val_image_digest(struct val *, struct rg_image *, const char *key);
/* An attachment's path (up: its key path): resolved, hashed, its stated hashes checked. */
void val_attachment_file(struct val *, struct rg_attachment *, const char *up);

/* validate_review.c: report.first_time, revision_time and revision; draft sign-offs. */
void val_review(struct val *);

/* validate_tlp.c: the marking in effect on every portion, doc->tlp_overall and
 * doc->tlp_present. */
void val_marks(struct val *);

/* validate_attack.c: resolves every technique of doc->mitre and fills doc->mitre_sorted. */
void val_mitre(struct val *);

/* validate_objects.c: `object` groups (one file or one host, members agreeing), registry
 * values and an address's asn where they apply. After the artifacts are refanged and typed. */
void val_objects(struct val *);

/* validate_metrics.c: milestones out of order or without a time, first_seen after
 * last_seen (warnings). */
void val_metrics(struct val *);

#endif

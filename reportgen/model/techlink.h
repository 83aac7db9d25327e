/* techlink.h: which entries of a document's mitre list an artifact or email evidences (its
 * `techniques:`), the one rule the validator, the PDF and the exports share. */
#ifndef RG_TECHLINK_H
#define RG_TECHLINK_H

#include "reportgen.h"

/* True when `written` names entry t: its technique id (as written or resolved) or its name
 * (as written or ATT&CK's), without regard to case or surrounding spaces. */
bool techlink_names(const struct rg_technique *t, const char *written);

/* True when one of the texts names t. */
bool techlink_any(const struct rg_texts *techniques, const struct rg_technique *t);

/* The entries of d->mitre by every name they answer to, sorted once (arena-owned), so that
 * looking up every written entry costs O(log n) each, however long mitre is. */
struct techlink_index;
const struct techlink_index *techlink_index(struct rg_arena *, const struct rg_doc *d);
/* The first entry of the index's mitre that `written` names, or NULL. */
const struct rg_technique *techlink_find(const struct techlink_index *, const char *written);

/* How many artifacts and emails of d name t (the Navigator's score). */
size_t techlink_count(const struct rg_doc *d, const struct rg_technique *t);

#endif

/* loader.h: internals shared by the incident loader's files (loader.c -> loader_blocks.c ->
 * loader_util.c). */
#ifndef RG_LOADER_H
#define RG_LOADER_H

#include "reportgen.h"
#include "timeparse.h"
#include "ytree.h"

struct ld {
	struct yctx c;
	struct rg_doc *doc;
	struct zone zone;
};

#define LD_NKEYS(a) (sizeof(a) / sizeof((a)[0]))
#define LD_ERR 512 /* bytes of an error message from timeparse */

/* loader_util.c */

/* Each getter ignores an absent value (v == NULL) and reports a wrong one at v. */
void ld_text(struct ld *, const struct ynode *v, const struct ypath *, struct rg_text *out);
void ld_time(struct ld *, const struct ynode *v, const struct ypath *, struct rg_time *out);
/* names: an enum's spelling table from index 1 (rg_*_names + 1); stores index + 1. */
void ld_enum(struct ld *, const struct ynode *v, const struct ypath *, const char *const *names,
             int *out);
/* An artifact's type; a wrong one gets the type its value has as hint (a 64-hex value:
 * sha256). value is the artifact's value node (may be NULL). */
void ld_ioc_type(struct ld *, const struct ynode *v, const struct ypath *,
                 const struct ynode *value, enum rg_ioc_type *out);
/* A list of strings; with single, one string is also accepted (asset ip, email to/cc). */
void ld_texts(struct ld *, const struct ynode *v, const struct ypath *, bool single,
              struct rg_texts *out);
/* A list of single-pair mappings (facts, fields). */
void ld_pairs(struct ld *, const struct ynode *v, const struct ypath *, struct rg_pairs *out);
/* A tlp value (clear, green, amber, amber+strict, red) into out. */
void ld_mark(struct ld *, const struct ynode *v, const struct ypath *, struct rg_mark *out);
/* Markdown written as a string or as the mapping {text: ..., tlp: ...}. */
void ld_marked_text(struct ld *, const struct ynode *v, const struct ypath *, struct rg_text *out,
                    struct rg_mark *mark);
/* A list of such items; *marks receives one marking per item kept. */
void ld_marked_texts(struct ld *, const struct ynode *v, const struct ypath *, struct rg_texts *out,
                     struct rg_mark **marks);
/* Checks that v is a list; reports and returns false otherwise. */
bool ld_is_list(struct ld *, const struct ynode *v, const struct ypath *);

/* loader_blocks.c */
void ld_section(struct ld *, const struct ynode *v, const struct ypath *, struct rg_section *out);
void ld_containment(struct ld *, const struct ynode *v, const struct ypath *);
void ld_customs(struct ld *, const struct ynode *v, const struct ypath *);
void ld_timeline(struct ld *, const struct ynode *v, const struct ypath *);
void ld_remediation(struct ld *, const struct ynode *v, const struct ypath *);

/* One key table of the loader under the name its object has in docs/incident.schema.json
 * ("" for the top level), so that a test can hold the schema against the loader. */
struct ld_table {
	const char *object;
	const struct ykey *keys;
	size_t nkeys;
};
/* Stores up to max tables in out; returns how many there are. */
size_t ld_key_tables(struct ld_table *out, size_t max);
size_t ld_blocks_key_tables(struct ld_table *out, size_t max);
size_t ld_util_key_tables(struct ld_table *out, size_t max);

#endif

/* ytree.h: libyaml events -> a small positioned node tree, plus schema helpers for loaders. */
#ifndef RG_YTREE_H
#define RG_YTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reportgen.h"

enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode;
struct ypair {
	struct ynode *key, *value;
};

/* A node of the tree. Nodes produced by aliases are shared, not copied: a walker may meet
 * the same node more than once (the parser bounds how often, see RG_MAX_ALIAS_*). */
struct ynode {
	unsigned char kind; /* enum ynode_kind */
	bool plain;         /* scalar written unquoted and untagged: subject to null handling */
	union { /* 32-bit: bounded by RG_MAX_FILE and RG_MAX_NODES; a node is 24 bytes */
		uint32_t len; /* YN_SCALAR: bytes */
		uint32_t n;   /* YN_SEQ: items; YN_MAP: pairs */
	};
	struct rg_pos pos; /* 1-based line and column (characters) of the node's first token */
	union {
		const char *s;        /* YN_SCALAR: NUL-terminated UTF-8 */
		struct ynode **items; /* YN_SEQ */
		struct ypair *pairs;  /* YN_MAP */
	};
};

/* Parses one YAML document from buf into nodes owned by the arena. Reports every problem
 * (syntax, invalid UTF-8, a UTF-16/32 byte-order mark, depth > RG_MAX_DEPTH,
 * alias expansion past RG_MAX_ALIAS_TEXT / RG_MAX_ALIAS_NODES at the alias that crosses it,
 * merge keys, duplicate keys, non-scalar keys, size > RG_MAX_FILE) to diags with the file
 * name given. A UTF-8 byte-order mark is skipped. Duplicate and merge keys are dropped from
 * their mapping (the first occurrence wins). Returns NULL when no usable tree was read.
 * An empty file (nothing but blanks and comments, or an empty document) gives an empty plain
 * scalar at 1:1 and no diagnostic: the caller reports RG_E_EMPTY with a hint of what to write. */
struct ynode *ytree_parse(struct rg_arena *, const char *file, const char *buf, size_t len,
                          struct rg_diags *);
/* ytree_parse with the scalars' text in one arena and the nodes in another, so that a loader
 * which keeps only the text (its model points into it) frees the nodes once the model is
 * built: at 100,000 artifacts the nodes are about a third of the loaded document. */
struct ynode *ytree_parse_split(struct rg_arena *text, struct rg_arena *nodes, const char *file,
                                const char *buf, size_t len, struct rg_diags *);

/* True for an empty value: a plain empty scalar, `~` or `null` (any case variant YAML allows). */
bool ynode_is_null(const struct ynode *);
/* "a string", "a list", "a mapping": for messages. */
const char *ynode_kind_name(const struct ynode *);
/* The value of key in mapping m, or NULL. Linear. */
const struct ynode *ynode_get(const struct ynode *m, const char *key);

/* ------------------------------------------------------------------ */
/* Schema helpers for mapping -> struct code                          */
/* ------------------------------------------------------------------ */

/* A node path kept on the C stack while walking: "artifacts[3].type" is
 * {key "type", up -> {index 3, up -> {key "artifacts"}}}. */
struct ypath {
	const struct ypath *up;
	const char *key; /* NULL: an index */
	size_t index;
};
#define YPATH_KEY(parent, k) ((struct ypath){(parent), (k), 0})
#define YPATH_INDEX(parent, i) ((struct ypath){(parent), NULL, (i)})

/* Formats a path into buf (truncated to sz); returns buf. NULL path gives "". */
char *ypath_format(const struct ypath *, char *buf, size_t sz);

/* Where a schema walker reports. */
struct yctx {
	struct rg_arena *arena;
	const char *file;
	struct rg_diags *diags;
	size_t first; /* diags->n before this file's first report: reports stop after
	                 YTREE_MAX_DIAGS */
};

/* Reports per file (YAML layer and schema checks together); one more says "too many". */
#define YTREE_MAX_DIAGS 1000

/* Reports code at node n (or at pos when n is NULL) with the path formatted. */
void yreport(struct yctx *, const struct ynode *n, const struct ypath *, enum rg_diag_code,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void yreport_at(struct yctx *, struct rg_pos, const struct ypath *, enum rg_diag_code,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

struct ykey {
	const char *name;
	bool required;
	const char
	        *example; /* for "missing required key" hints, e.g. "reportgen: 1"; may be NULL */
};

/* Checks mapping m against the key table keys[0..nkeys): every unknown key is an error with a
 * "did you mean" hint; a missing required key is an error at m; an empty value (see
 * ynode_is_null) on a required key is an error at that key. found[i] receives the value of
 * keys[i], NULL when absent or empty. Reports "expected a mapping" when m is not one, returning
 * false with every found[i] NULL. Returns true when m is a mapping (errors may still be added). */
bool ykeys(struct yctx *, const struct ynode *m, const struct ypath *, const struct ykey *keys,
           size_t nkeys, const struct ynode **found);

/* Typed getters. Each takes a value node (never NULL), reports a type error at it and returns
 * false when it does not fit. */
bool yget_text(struct yctx *, const struct ynode *v, const struct ypath *, struct rg_text *out);
/* Decimal integer within [min, max], plain or quoted. */
bool yget_int(struct yctx *, const struct ynode *v, const struct ypath *, long long min,
              long long max, long long *out);
/* A number (e.g. 0.5) within (min, max]. */
bool yget_fraction(struct yctx *, const struct ynode *v, const struct ypath *, double min,
                   double max, double *out);
/* true/false (also yes/no, on/off), case-insensitive. */
bool yget_bool(struct yctx *, const struct ynode *v, const struct ypath *, bool *out);
/* Case-insensitive match against the NULL-terminated names; returns the index or -1 after
 * reporting "expected one of a, b, c; got "x" (did you mean "y"?)". */
int yget_enum(struct yctx *, const struct ynode *v, const struct ypath *, const char *const *names);
/* The index of scalar v among the NULL-terminated names (case-insensitive), or -1; reports
 * nothing: for a caller whose hint costs work only worth doing when v matches none. */
int yenum_index(const struct ynode *v, const char *const *names);
/* yget_enum, with the caller's hint (when not NULL) in place of the spelling-based one, and why
 * it is likely (when not NULL): "(did you mean "sha256"? the value is ...)". */
int yget_enum_hint(struct yctx *, const struct ynode *v, const struct ypath *,
                   const char *const *names, const char *hint, const char *why);

#endif

/* suggest.h: edit distance and "did you mean" picks, for the hints of every stage. */
#ifndef RG_SUGGEST_H
#define RG_SUGGEST_H

#include <stddef.h>

/* How suggest_distance compares: keys and values of the document ignore ASCII case and count
 * a swap of two neighbours as one edit (optimal string alignment); command-line words keep
 * their case (SUGGEST_TRANSPOSE). */
enum suggest_flags {
	SUGGEST_EXACT = 0,
	SUGGEST_NOCASE = 1 << 0,    /* 'A' and 'a' are the same letter */
	SUGGEST_TRANSPOSE = 1 << 1, /* "ab" -> "ba" costs 1, not 2 */
	SUGGEST_DOC = SUGGEST_NOCASE | SUGGEST_TRANSPOSE,
};

/* Strings longer than this are not compared: their distance is SUGGEST_FAR. */
#define SUGGEST_MAXLEN 64
#define SUGGEST_FAR 255u

/* Edit distance of a and b under flags, capped at SUGGEST_FAR. */
unsigned suggest_distance(const char *a, const char *b, unsigned flags);

/* The closest of names[0..n) to s (SUGGEST_DOC), or NULL when none is close enough to be a
 * plausible typo. names may contain NULL entries, which are skipped. */
const char *suggest_name(const char *s, const char *const *names, size_t n);

/* The value of the enumeration names (one of reportgen.h's rg_*_names arrays, from its first
 * or second entry) that the word s stands for, when s is a common synonym of it ("completed"
 * for an action's "done", "white" for TLP "clear") or the value spelt with other spaces
 * ("in progress" for "in-progress"), else NULL. Case, spaces, "_" and "-" are ignored. The synonyms
 * of every enumeration are in the one table of suggest.c. */
const char *suggest_synonym(const char *s, const char *const *names);

#endif

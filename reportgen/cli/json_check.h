/* json_check.h: a streaming check that bytes are one complete JSON value (RFC 8259
 * grammar: objects, arrays, strings with their escapes, numbers, literals), fed in chunks of
 * any size, holding only the nesting stack: an output of hundreds of megabytes is checked
 * without building its tree. */
#ifndef RG_JSON_CHECK_H
#define RG_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_CHECK_DEPTH 1000 /* nesting refused beyond this (cJSON's own limit) */

struct json_check {
	unsigned char stack[JSON_CHECK_DEPTH]; /* '{' or '[' of each open container */
	size_t depth;
	int state, sub;    /* where in the grammar (json_check.c) */
	bool key;          /* the string being read is an object key */
	bool may_close;    /* just after '[' or '{': the container may end at once */
	const char *lit;   /* the literal being read (true, false, null) */
	const char *error; /* the first problem, or NULL */
};

void json_check_init(struct json_check *);
/* Feeds the next n bytes; false once the bytes cannot be JSON (j->error says why). */
bool json_check_feed(struct json_check *, const unsigned char *b, size_t n);
/* After the last byte: NULL when the bytes were exactly one value (whitespace around it
 * allowed), else the reason. */
const char *json_check_end(struct json_check *);

#endif

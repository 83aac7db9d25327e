/* json_check.c: a streaming JSON well-formedness check (see json_check.h). */
#include <string.h>

#include "json_check.h"

enum {
	JS_VALUE,  /* a value is expected */
	JS_KEY,    /* an object key (a string) is expected */
	JS_COLON,  /* the ':' after a key */
	JS_AFTER,  /* a value ended: ',' or the container's end (or the end of input) */
	JS_STRING, /* inside a string; sub: 0 plain, 1 after '\', 2..5 hex digits of \u left */
	JS_NUMBER, /* inside a number; sub: one of the NUM_ states */
	JS_LIT,    /* inside true, false or null; sub: characters matched */
	JS_DONE,   /* the top-level value ended: only whitespace may follow */
};

enum { NUM_MINUS, NUM_ZERO, NUM_INT, NUM_DOT, NUM_FRAC, NUM_E, NUM_ESIGN, NUM_EXP };

static bool json_check_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool json_check_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool json_check_fail(struct json_check *j, const char *why)
{
	if (j->error == NULL)
		j->error = why;
	return false;
}

void json_check_init(struct json_check *j)
{
	memset(j, 0, sizeof(*j));
	j->state = JS_VALUE;
}

/* A value or a container ended. */
static void json_check_ended(struct json_check *j)
{
	j->state = j->depth == 0 ? JS_DONE : JS_AFTER;
}

static bool json_check_open(struct json_check *j, unsigned char c)
{
	if (j->depth == JSON_CHECK_DEPTH)
		return json_check_fail(j, "the JSON is nested too deeply");
	j->stack[j->depth++] = c;
	j->state = c == '{' ? JS_KEY : JS_VALUE;
	j->may_close = true;
	return true;
}

static bool json_check_close(struct json_check *j, unsigned char c)
{
	if (j->depth == 0 || j->stack[j->depth - 1] != (c == '}' ? '{' : '['))
		return json_check_fail(j, "the JSON closes a container it did not open");
	j->depth--;
	json_check_ended(j);
	return true;
}

static bool json_check_value(struct json_check *j, unsigned char c)
{
	bool may_close = j->may_close;
	j->may_close = false;
	if (c == '{' || c == '[')
		return json_check_open(j, c);
	if (c == ']' && may_close)
		return json_check_close(j, c);
	if (c == '"') {
		j->state = JS_STRING, j->sub = 0, j->key = false;
		return true;
	}
	if (c == '-' || json_check_digit(c)) {
		j->state = JS_NUMBER;
		j->sub = c == '-' ? NUM_MINUS : c == '0' ? NUM_ZERO : NUM_INT;
		return true;
	}
	j->lit = c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : NULL;
	if (j->lit == NULL)
		return json_check_fail(j, "the JSON has a character where a value should be");
	j->state = JS_LIT, j->sub = 1;
	return true;
}

static bool json_check_string(struct json_check *j, unsigned char c)
{
	if (j->sub == 0) {
		if (c == '"') {
			if (j->key)
				j->state = JS_COLON;
			else
				json_check_ended(j);
		} else if (c == '\\') {
			j->sub = 1;
		} else if (c < 0x20) {
			return json_check_fail(j, "the JSON has a control character in a string");
		}
	} else if (j->sub == 1) {
		if (c == 'u')
			j->sub = 5;
		else if (strchr("\"\\/bfnrt", c) != NULL && c != '\0')
			j->sub = 0;
		else
			return json_check_fail(j, "the JSON has an invalid escape in a string");
	} else {
		bool hex = json_check_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		if (!hex)
			return json_check_fail(j, "the JSON has an invalid \\u escape");
		j->sub = j->sub == 2 ? 0 : j->sub - 1;
	}
	return true;
}

/* True when the number read so far is complete. */
static bool json_check_num_whole(int sub)
{
	return sub == NUM_ZERO || sub == NUM_INT || sub == NUM_FRAC || sub == NUM_EXP;
}

/* One character of a number; *more is false when c ended it (and must be read again). */
static bool json_check_number(struct json_check *j, unsigned char c, bool *more)
{
	bool d = json_check_digit(c);
	int s = j->sub, next = -1;
	if (s == NUM_MINUS && d)
		next = c == '0' ? NUM_ZERO : NUM_INT;
	else if ((s == NUM_ZERO || s == NUM_INT) && c == '.')
		next = NUM_DOT;
	else if (s == NUM_INT && d)
		next = NUM_INT;
	else if ((s == NUM_DOT || s == NUM_FRAC) && d)
		next = NUM_FRAC;
	else if ((s == NUM_ZERO || s == NUM_INT || s == NUM_FRAC) && (c == 'e' || c == 'E'))
		next = NUM_E;
	else if (s == NUM_E && (c == '+' || c == '-'))
		next = NUM_ESIGN;
	else if ((s == NUM_E || s == NUM_ESIGN || s == NUM_EXP) && d)
		next = NUM_EXP;
	*more = next >= 0;
	if (next >= 0) {
		j->sub = next;
		return true;
	}
	if (!json_check_num_whole(s))
		return json_check_fail(j, "the JSON has an incomplete number");
	json_check_ended(j);
	return true;
}

static bool json_check_one(struct json_check *j, unsigned char c)
{
	bool more;
	switch (j->state) {
	case JS_STRING:
		return json_check_string(j, c);
	case JS_NUMBER:
		if (!json_check_number(j, c, &more))
			return false;
		if (more)
			return true;
		return json_check_one(j, c); /* the character after the number */
	case JS_LIT:
		if (c != (unsigned char)j->lit[j->sub])
			return json_check_fail(j, "the JSON has a misspelt true, false or null");
		if (j->lit[++j->sub] == '\0')
			json_check_ended(j);
		return true;
	default:
		break;
	}
	if (json_check_ws(c))
		return true;
	switch (j->state) {
	case JS_VALUE:
		return json_check_value(j, c);
	case JS_KEY:
		if (c == '}' && j->may_close)
			return j->may_close = false, json_check_close(j, c);
		j->may_close = false;
		if (c != '"')
			return json_check_fail(j,
			                       "the JSON has an object key that is not a string");
		j->state = JS_STRING, j->sub = 0, j->key = true;
		return true;
	case JS_COLON:
		if (c != ':')
			return json_check_fail(j, "the JSON has a key without its ':'");
		j->state = JS_VALUE;
		return true;
	case JS_AFTER:
		if (c == ',') {
			j->state = j->stack[j->depth - 1] == '{' ? JS_KEY : JS_VALUE;
			return true;
		}
		if (c == '}' || c == ']')
			return json_check_close(j, c);
		return json_check_fail(j, "the JSON lacks a ',' between two values");
	default: /* JS_DONE */
		return json_check_fail(j, "the JSON has bytes after its value");
	}
}

bool json_check_feed(struct json_check *j, const unsigned char *b, size_t n)
{
	if (j->error != NULL)
		return false;
	for (size_t i = 0; i < n; i++) {
		/* the plain characters of a string need no state: most of an export's bytes */
		if (j->state == JS_STRING && j->sub == 0) {
			while (i < n && b[i] != '"' && b[i] != '\\' && b[i] >= 0x20)
				i++;
			if (i == n)
				break;
		} else if (j->state != JS_STRING && j->state != JS_NUMBER && j->state != JS_LIT) {
			/* nor does the indentation between tokens */
			while (i < n && json_check_ws(b[i]))
				i++;
			if (i == n)
				break;
		}
		if (!json_check_one(j, b[i]))
			return false;
	}
	return true;
}

const char *json_check_end(struct json_check *j)
{
	if (j->error != NULL)
		return j->error;
	if (j->state == JS_NUMBER && j->depth == 0 && json_check_num_whole(j->sub))
		return NULL;
	return j->state == JS_DONE ? NULL : "the JSON is not one complete value";
}

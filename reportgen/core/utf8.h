/* utf8.h: the one UTF-8 decoder and encoder, and names for the characters spelled in code. */
#ifndef RG_UTF8_H
#define RG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Characters the code writes or looks for, as UTF-8 strings and as code points. */
#define UTF8_NBSP "\xC2\xA0"            /* U+00A0 NO-BREAK SPACE */
#define UTF8_MIDDOT "\xC2\xB7"          /* U+00B7 MIDDLE DOT */
#define UTF8_ENSP "\xE2\x80\x82"        /* U+2002 EN SPACE */
#define UTF8_EMSP "\xE2\x80\x83"        /* U+2003 EM SPACE */
#define UTF8_ENDASH "\xE2\x80\x93"      /* U+2013 EN DASH */
#define UTF8_EMDASH "\xE2\x80\x94"      /* U+2014 EM DASH */
#define UTF8_BULLET "\xE2\x80\xA2"      /* U+2022 BULLET */
#define UTF8_ELLIPSIS "\xE2\x80\xA6"    /* U+2026 HORIZONTAL ELLIPSIS */
#define UTF8_BOM "\xEF\xBB\xBF"         /* U+FEFF as a byte-order mark */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD REPLACEMENT CHARACTER */
#define UTF8_REPLACEMENT_CP 0xFFFDu
#define UTF8_NEL_CP 0x0085u /* NEXT LINE, a YAML line break */
#define UTF8_LS_CP 0x2028u  /* LINE SEPARATOR, a YAML line break */
#define UTF8_PS_CP 0x2029u  /* PARAGRAPH SEPARATOR, a YAML line break */

/* The longest sequence, and the longest utf8_encode writes. */
#define UTF8_MAXLEN 4

/* True for a continuation byte (10xxxxxx), which never starts a character. */
static inline bool utf8_is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* Decodes the well-formed sequence at s, of which n bytes may be read: returns its length
 * (1..4) and sets *cp, or returns 0 (leaving *cp alone) for a stray or truncated byte, an
 * overlong form, a surrogate or a code point past U+10FFFF. Bytes are read in order and
 * reading stops at the first that does not fit, so a NUL-terminated string may pass
 * UTF8_MAXLEN as n. A NUL byte decodes as U+0000 of length 1. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* The character at s (n bytes readable): what utf8_decode gives, or U+FFFD for a byte that
 * does not start a well-formed sequence; *len receives the bytes consumed (1 for such a byte).
 * For code that must go on past invalid input (drawing, quoting). */
uint32_t utf8_next(const char *s, size_t n, size_t *len);

/* Writes cp (at most U+10FFFF, not checked) as UTF-8 into out; returns the bytes written. */
size_t utf8_encode(uint32_t cp, char *out);

/* Characters (bytes that are not continuation bytes) in s[0..n). */
size_t utf8_count(const char *s, size_t n);

#endif

/* cli_verify.h: checks that an output is whole before it is made visible. */
#ifndef RG_CLI_VERIFY_H
#define RG_CLI_VERIFY_H

#include <stddef.h>

/* NULL when the n bytes at b are a whole output of the kind the name's extension says
 * (".pdf", ".xml", ".json"; any other: not empty), else the reason (static, or written to
 * buf of len bytes). */
const char *verify_output(const unsigned char *b, size_t n, const char *name, char *buf,
                          size_t len);
/* The same for the file at path, read through a mapping. */
const char *verify_file(const char *path, const char *name, char *buf, size_t len);

#endif

/* manifest.h: the list of a run's outputs with their SHA-256, as sha256sum -c reads it. */
#ifndef RG_MANIFEST_H
#define RG_MANIFEST_H

#include <stddef.h>

#include "reportgen.h"

/* The name --manifest gives the manifest when no FILE follows it: in --outdir, else ".". */
#define MANIFEST_DEFAULT "SHA256SUMS"

/* Checks that each of the n outputs is whole (cli_verify.c), then writes, atomically, one
 * line "SHA256  NAME" per output to path; NAME is relative to the manifest's folder when
 * the output is inside it, else absolute. Returns 0, or 3 after an RG_F_IO diagnostic
 * (nothing written then). */
int manifest_write(const char *path, const char *const *outputs, size_t n, struct rg_diags *);

#endif

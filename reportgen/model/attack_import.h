/* attack_import.h: MITRE's Enterprise ATT&CK release file (a STIX bundle) as tables. */
#ifndef RG_ATTACK_IMPORT_H
#define RG_ATTACK_IMPORT_H

#include "attack_build.h"

/* Reads the bundle buf[0..len) into arena a. version is the caller's (--attack-version),
 * NULL to take the one of its x-mitre-collection; source is the file's base name, kept for
 * the record. NULL with a message in err. */
struct rg_attack *attack_import(struct rg_arena *a, const char *buf, size_t len,
                                const char *version, const char *source, char err[ATTACK_ERR]);

#endif

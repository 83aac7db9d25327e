/* fuzz_stix1.c: libFuzzer target: the stix1 back end (fuzz_backend.h). */
#define FUZZ_FORMAT "stix1"
#include "fuzz_backend.h"

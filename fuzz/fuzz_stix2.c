/* fuzz_stix2.c: libFuzzer target: the stix2 back end (fuzz_backend.h). */
#define FUZZ_FORMAT "stix2"
#include "fuzz_backend.h"

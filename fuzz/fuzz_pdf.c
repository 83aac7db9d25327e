/* fuzz_pdf.c: libFuzzer target: the pdf back end (fuzz_backend.h). */
#define FUZZ_FORMAT "pdf"
#include "fuzz_backend.h"

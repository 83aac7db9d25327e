/* fuzz_image.c: libFuzzer target: PNG and JPEG bytes through the header check (imghdr.c) and,
 * when it passes, the decoder (imgdecode.c) with a reduction, alpha and EXIF orientation.
 * Images over 4 Mi pixels are only header-checked, so that one input stays fast. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "imgdecode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fmemopen((void *)data, size, "rb");
	if (fp == NULL)
		return 0;
	struct img_info info;
	char why[256];
	if (img_probe_stream(fp, &info, why, sizeof(why)) &&
	    (uint64_t)info.width * info.height <= (4u << 20)) {
		uint32_t bound = size > 0 ? data[size - 1] : 0; /* 0: no reduction */
		struct imgdec_pixels px;
		rewind(fp);
		if (imgdec_load_stream(fp, bound, bound, &px, why, sizeof(why)))
			imgdec_free(&px);
	}
	fclose(fp);
	return 0;
}

/* fuzz-subtitle.c -- libFuzzer target for the SubRip and WebVTT reader:
 * every input is read both as .srt and as .vtt. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ingest((const char *)data, size, "x.srt");
	fuzz_ingest((const char *)data, size, "x.vtt");
	return 0;
}

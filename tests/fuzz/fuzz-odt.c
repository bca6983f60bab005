/* fuzz-odt.c -- libFuzzer target for the .odt reader: each input is read
 * as an .odt file and as the content.xml of a valid archive (the target
 * itself is fuzz-zip.h, shared with fuzz-docx.c). */
#define FUZZ_ZIP_NAME "x.odt"
#define FUZZ_ZIP_MEMBER "content.xml"
#include "fuzz-zip.h"

/* fuzz-docx.c -- libFuzzer target for the .docx reader: each input is read
 * as a .docx file and as the word/document.xml of a valid archive (the
 * target itself is fuzz-zip.h, shared with fuzz-odt.c). */
#define FUZZ_ZIP_NAME "x.docx"
#define FUZZ_ZIP_MEMBER "word/document.xml"
#include "fuzz-zip.h"

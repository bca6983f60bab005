/* codeer.h -- the whole public API of libcodeer, layer by layer. */
#ifndef CODEER_H
#define CODEER_H

#include "codeer/error.h"
#include "codeer/table.h"
#include "codeer/text.h"
#include "codeer/document.h"
#include "codeer/ingest.h"
#include "codeer/anon.h"
#include "codeer/cases.h"
#include "codeer/project.h"
#include "codeer/scheme.h"
#include "codeer/coding.h"
#include "codeer/autocode.h"
#include "codeer/retrieve.h"
#include "codeer/memo.h"
#include "codeer/archive.h"
#include "codeer/codebook.h"
#include "codeer/version.h"
#include "codeer/agree.h"
#include "codeer/agreement.h"
#include "codeer/unitizing.h"
#include "codeer/matrix.h"
#include "codeer/report.h"
#include "codeer/score.h"
#include "codeer/crosssection.h"
#include "codeer/exchange.h"

/* The version is configure's alone (AC_INIT in configure.ac), through the
 * config.h every file of the build includes first. */
#define CODEER_VERSION PACKAGE_VERSION

#endif

/* clock.c -- the time codeer writes into projects and reports (clock.h). */
#include <stdlib.h>
#include <time.h>

#include "util/clock.h"

void cdr_now_iso(char out[32])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

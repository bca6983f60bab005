/* clock.h -- the time codeer writes into projects and reports. */
#ifndef CDR_UTIL_CLOCK_H
#define CDR_UTIL_CLOCK_H

/* Now in UTC as ISO 8601 ("2025-11-25T00:00:00Z"). SOURCE_DATE_EPOCH, when
 * set, stands for now, so tests and reproducible builds get fixed times. */
void cdr_now_iso(char out[32]);

#endif

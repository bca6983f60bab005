/* coding-memo.c -- the memo of one coding in a set (coding.h). A coding's
 * memo is its own string, unlike the pooled fields, so it can change in
 * place: the coding page edits memos this way. */
#include <stdlib.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "coding/store.h"
#include "util/alloc.h"

int cdr_codings_set_memo(cdr_codings *c, size_t i, const char *memo)
{
	cdr_coding *k = cdr_codings_get(c, i);
	char *m;

	if (k == NULL)
		return cdr_error_set(CDR_EUSAGE, "no coding %zu", i);
	if ((m = cdr_strdup(memo ? memo : "")) == NULL)
		return CDR_ENOMEM;
	cdr_coding_memo_release(k->memo);
	k->memo = m;
	return 0;
}

# Autocoding the shipped corpus with each shipped scheme agrees with the
# hand-made answer keys in tests/answer-keys/ (written by reading the
# turns against the rule definitions; see tests/answer-keys/README.md).

$ codeer init p >/dev/null && cd p && codeer add "$CORPORA"/*.txt >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && codeer autocode
1239 codings in 74 documents for coder auto (1239 new, 0 gone, 0 kept as rejected)
? 0

$ cd p && for key in "$CODEER_SRCDIR"/tests/answer-keys/*.tsv; do "$CODEER_SRCDIR"/tests/answer-keys/check "$key"; done
bakens-wns: 25/25 rows agree
draagkracht: 26/26 rows agree
empowerment: 25/25 rows agree
generalist-models: 30/30 rows agree
maatwerk: 36/36 rows agree
op-weg-naar-maatwerk: 29/29 rows agree
verbinden: 30/30 rows agree
? 0

# the same with the pure scan per scheme: one scheme at a time gives the
# same codings as all together
$ cd p && cp codings/auto.tsv all.tsv && rm codings/auto.tsv && for s in bakens-wns draagkracht empowerment generalist-models maatwerk op-weg-naar-maatwerk verbinden; do codeer autocode --scheme $s > /dev/null; done && cmp codings/auto.tsv all.tsv && echo same
same
? 0

# the Hyperscan prefilter (forced on for this small corpus) and pure PCRE2
# give the same codings byte for byte
$ cd p && CODEER_PREFILTER=on codeer autocode > /dev/null && cp codings/auto.tsv on.tsv && CODEER_PREFILTER=off codeer autocode > /dev/null && cmp codings/auto.tsv on.tsv && echo identical
identical
? 0

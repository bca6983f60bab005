# Partial matrices from autocode --stream output, with no project: the
# shipped corpus coded as JSON lines, split 1, 2 and 8 ways, each part's
# codings summed by matrix --partial --from-stream, and the parts merged,
# give the matrix of a project made of the same documents with add and
# autocode, byte for byte, for every rows, columns and cell kind.

# the corpus as stream records and as a project (cases in natural order,
# as a merge orders them; the enquête documents without a case)
$ "$CODEER_SRCDIR"/tests/scale/stream-corpus "$CORPORA" c && codeer init p >/dev/null && cd p && while IFS=$'\t' read -r c files; do if [ "$c" = - ]; then codeer add $files; else codeer add --case "$c" $files; fi || exit 1; done < ../c/adds >/dev/null && codeer cases import ../c/cases.tsv && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && codeer autocode > ../autocode.out && cut -d' ' -f4-5 ../autocode.out
65 cases
74 documents
? 0

# the stream: split anywhere between lines (each document carries its
# case and attributes), every part coded on its own
$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); for k in 1 2 8; do mkdir s$k && (cd s$k && split -n l/$k -d ../c/corpus.jsonl part-) && for f in s$k/part-??; do codeer autocode --stream $S < $f > $f.jsonl || exit 1; done; done; ls s8/*.jsonl | wc -l; for k in 1 2 8; do [ "$(cat s$k/part-0?.jsonl | grep -c '"doc": ')" = "$(cut -d' ' -f1 autocode.out)" ] || echo "split $k: other codings than the project's"; done
8
? 0

$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); fail=0; for spec in "--rows case" "--rows doc" "--rows attr:gemeente" "--rows speaker" "--rows case --cols group" "--rows attr:rol --cols scheme" "--rows doc --codes EMP.EK,VB+" "--rows speaker --cols group"; do for k in 1 2 8; do for f in s$k/part-??.jsonl; do codeer matrix --partial --from-stream $f $S $spec -o ${f%.jsonl}.tsv || fail=1; done; done; for cell in count presence docs words share; do for extra in "" --all "--percent row"; do (cd p && codeer matrix --coder auto $spec --cell $cell $extra --format json) > whole.json; for k in 1 2 8; do codeer matrix --merge s$k/part-??.tsv --cell $cell $extra --format json > m$k.json || fail=1; cmp -s whole.json m$k.json || { echo "split $k is not the project's: $spec --cell $cell $extra"; fail=1; }; done; done; done; done; echo failures: $fail
failures: 0
? 0

# words counted once however codings cut them: matches that begin and
# end inside words, touch inside a word or at a mark, hold no word, or
# overlap (tests/data/schemes/word-edges.xml), per code and per scheme
$ mkdir e && printf 'I: Hoe verbindt u mensen?! Zo'"'"'n 3.5 keer -- of vaker?\n\nR: Ik verbind bewoners met elkaar. Zo'"'"'n buurt'"'"' is fijn!\n\nTijdens het gesprek -- geen spreker.\n' > e/edges.txt && cd e && codeer init p >/dev/null && (cd p && codeer add ../edges.txt >/dev/null && codeer scheme add "$DATA"/schemes/word-edges.xml >/dev/null && codeer autocode) && python3 -c 'import json; print(json.dumps({"id": "edges", "text": open("edges.txt", encoding="utf-8").read()}))' | codeer autocode --stream --scheme "$DATA"/schemes/word-edges.xml > e.jsonl && for spec in "--rows doc" "--rows speaker" "--rows doc --cols scheme"; do codeer matrix --partial --from-stream e.jsonl --scheme "$DATA"/schemes/word-edges.xml $spec -o e.tsv && for cell in words share; do (cd p && codeer matrix $spec --cell $cell --format json 2>/dev/null) > a.json && codeer matrix --merge e.tsv --cell $cell --format json | cmp - a.json || echo "differs: $spec --cell $cell"; done; done; codeer matrix --merge e.tsv --cell words --format tsv
19 codings in 1 document for coder auto (19 new, 0 gone, 0 kept as rejected)
doc	edges	total
edges	18	18
total	18	18
? 0

# in every format, with chi-square; and from standard input
$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); (cd p && codeer matrix --coder auto --rows attr:rol --cols scheme --chi2 --format md) > whole.md && for f in s8/part-??.jsonl; do codeer matrix --partial --from-stream - $S --rows attr:rol --cols scheme < $f > ${f%.jsonl}.rol || exit 1; done && codeer matrix --merge s8/*.rol --chi2 --format md | cmp - whole.md && grep -c '^chi-square = ' whole.md
1
? 0

# what the partial needs: --partial, the scheme files, a stream of version 2
$ codeer matrix --from-stream s1/part-00.jsonl --scheme "$CODEER_SRCDIR"/codeschemes/empowerment.xml
! codeer matrix: --from-stream makes a partial matrix: add --partial (and add the partial matrices up with --merge)
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

$ codeer matrix --partial --from-stream s1/part-00.jsonl
! codeer matrix: --from-stream needs the scheme files the stream was coded with: --scheme FILE.xml (repeat for more)
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

$ codeer matrix --partial --from-stream s1/part-00.jsonl --scheme "$CODEER_SRCDIR"/codeschemes/empowerment.xml --coder auto
! codeer matrix: --coder does not go with --from-stream: the stream holds the rule codings of every document it coded (choose the documents before coding them)
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

$ codeer matrix --merge s1/part-00.tsv --from-stream s1/part-00.jsonl
! codeer matrix: --from-stream and --scheme make a partial matrix; --merge adds them up: one or the other
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

# the columns come from the scheme files, which must be those of the stream
$ codeer matrix --partial --from-stream s1/part-00.jsonl --scheme "$CODEER_SRCDIR"/codeschemes/verbinden.xml
! codeer: s1/part-00.jsonl: coded with scheme 'bakens-wns', which the scheme files given do not hold
? 2

$ codeer matrix --partial --from-stream s1/part-00.jsonl --scheme "$CODEER_SRCDIR"/codeschemes/empowerment.xml
! codeer: s1/part-00.jsonl: coded with scheme 'bakens-wns', which the scheme files given do not hold
? 2

# input that is no stream of version 2 is refused, naming the line, and
# -o leaves no file
$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); tail -n +2 s8/part-03.jsonl | codeer matrix --partial --from-stream - $S -o bad.tsv; rc=$?; ls bad.tsv 2>/dev/null; exit $rc
! codeer: standard input: not the output of 'codeer autocode --stream' (no header line)
? 2

$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); sed '1s/"version": 2/"version": 1/' s8/part-03.jsonl | codeer matrix --partial --from-stream - $S
! codeer: standard input: autocode stream version 1; this codeer reads version 2
? 2

$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); grep -n '"doc": ' s8/part-03.jsonl | sed -n 1p | cut -d: -f1
3
? 0

$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); sed '3s/"words": \[/"words": [-/' s8/part-03.jsonl | codeer matrix --partial --from-stream - $S -o bad.tsv; rc=$?; ls bad.tsv 2>/dev/null; exit $rc
! codeer: standard input:3: a coding line needs "doc", "start", "end", "code" and "words"
? 2

$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); sed '3s/"doc": "[^"]*"/"doc": "other"/' s8/part-03.jsonl | codeer matrix --partial --from-stream - $S
! codeer: standard input:3: a coding of 'other' that does not follow its document's line
? 2

$ S=$(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml); sed '3s/}$//' s8/part-03.jsonl | codeer matrix --partial --from-stream - $S
! codeer: standard input:3: not a JSON object ('}' expected near end of file)
? 2

$ codeer matrix --partial --from-stream missing.jsonl --scheme "$CODEER_SRCDIR"/codeschemes/empowerment.xml
! codeer: missing.jsonl: cannot read: No such file or directory
? 2

# Partial agreement tables: agree --partial writes the sums of one part of
# a corpus, agree --merge FILE... adds them up and prints what agree prints
# on the whole corpus, byte for byte.
#
# The shipped corpus, coded by the rules (auto) and by two coders made
# from auto's codings by fixed rules on their offsets, so that they
# disagree in places and each leaves some documents uncoded: b drops
# codings starting at a multiple of 5, moves some starts and recodes some
# as maatwerk/APN; c drops those starting at 1 modulo 3 and shortens some.
$ printf '%s\n' "codeer code list --coder auto | awk -F'\t' 'BEGIN{OFS=\"\t\"; print \"doc\",\"start\",\"end\",\"code\"} \$3 % 5 != 0 { s=\$3; if (\$3 % 7 == 0 && \$3+10 < \$4) s=\$3+10; c=\$5; if (\$3 % 13 == 0) c=\"maatwerk/APN\"; print \$2,s,\$4,c }' > b.tsv && codeer code import --coder b b.tsv >/dev/null" "codeer code list --coder auto | awk -F'\t' 'BEGIN{OFS=\"\t\"; print \"doc\",\"start\",\"end\",\"code\"} \$3 % 3 != 1 { e=\$4; if (\$4 % 4 == 0 && \$4-5 > \$3) e=\$4-5; print \$2,\$3,e,\$5 }' > c.tsv && codeer code import --coder c c.tsv >/dev/null" > coders.sh && codeer init q >/dev/null && cd q && codeer add "$CORPORA"/*.txt >/dev/null && codeer cases import "$CORPORA/cases.tsv" >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && codeer autocode >/dev/null && sh ../coders.sh && for c in b c; do [ "$(codeer code list --coder $c | wc -l)" -gt 500 ] || echo "coder $c has too few codings"; done
? 0

# the corpus split 1, 2 and 8 ways (documents of one case kept together),
# each part a project coded on its own, with the same coders
$ for k in 1 2 8; do "$CODEER_SRCDIR"/tests/scale/split-corpus $k s$k "$CORPORA" && for d in s$k/part-*/; do (cd $d && codeer init p >/dev/null && cd p && xargs -d '\n' codeer add < ../files >/dev/null && codeer cases import ../cases.tsv >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && codeer autocode >/dev/null && sh ../../../coders.sh) || exit 1; done; done; ls -d s8/part-* | wc -l
8
? 0

# For two and for three coders, for every unit, the segment level, only
# coded units, every document, picked codes and an exclusive group: the
# merges of 1, 2 and 8 parts print what agree prints on the whole project,
# as json, tsv and the table for people, and the same notes on stderr
$ fail=0; for coders in auto,b auto,b,c; do for spec in "" "--unit document" "--unit char" "--overlap 50" "--only-coded --all-docs" "--codes maatwerk/APN,verbinden/VM" "--exclusive draagkracht/AC"; do for k in 1 2 8; do for d in s$k/part-*/; do (cd $d/p && codeer agree --coders $coders $spec --partial -o ../../$(basename $d).tsv) || fail=1; done; done; for fmt in json tsv table; do (cd q && codeer agree --coders $coders $spec --format $fmt) > whole.$fmt 2> whole.err; for k in 1 2 8; do codeer agree --merge s$k/part-*.tsv --format $fmt > m$k.$fmt 2> m$k.err || fail=1; cmp -s whole.$fmt m$k.$fmt || { echo "split $k differs: $coders $spec $fmt"; fail=1; }; cmp -s whole.err m$k.err || { echo "notes differ: $coders $spec $fmt"; fail=1; }; done; done; done; done; echo failures: $fail; grep -c . whole.tsv
failures: 0
8
? 0

# what the 8-way merge of the last run printed: three coders, the group,
# and Conger's kappa with its standard error
$ codeer agree --merge s8/part-*.tsv --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["coders"], d["exclusive"], len(d["per_code"])); print([(c["id"], c["value"] is not None, c["se"] is not None) for c in d["overall"] if c["id"] == "conger"])'
['auto', 'b', 'c'] draagkracht/AC 1
[('conger', True, True)]
? 0

# the file, on tests/data/mini.txt coded by hand: anna codes VB at t1 and
# t2, EK at t4; bert VB at t1, EK at t4 and t5. A versioned TSV with a
# magic line, the choices, the documents, and per code its units, coded
# units and patterns of values over the coders with how many units show
# them: VB agrees on t1, anna alone has t2, the other 3 turns neither
$ codeer init m >/dev/null && cp "$DATA/mini.txt" m/ && cd m && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && for c in "anna t1 VB" "anna t2 VB" "anna t4 EK" "bert t1 VB" "bert t4 EK" "bert t5 EK"; do set -- $c; codeer code add --coder $1 mini $2 $3 >/dev/null || exit 1; done; codeer agree --coders anna,bert --codes VB,EK --partial
codeer-partial-agreement	1
coders	anna	bert
unit	turn
overlap	0
only-coded	0
exclusive	(none)
codes	given
blank	5
chars	0
conflicts	0
# doc	id (the documents compared)
doc	mini
# left	id	per coder: 1 when the coder did not code it
# var	code	units	coded	patterns; then a line per pattern: p, a value per coder, its weight
var	mini/VB	5	2	3
p	0	0	3
p	1	0	1
p	1	1	1
var	mini/EK	5	2	3
p	0	0	3
p	0	1	1
p	1	1	1
end	2
? 0

# a part may hold a document no coder coded, named with --docs: its turns
# count as coded by nobody, as in the whole project with the same --docs
$ cd m && codeer agree --coders anna,bert --codes VB,EK --format tsv > whole-a.tsv && codeer agree --coders anna,bert --codes VB,EK --partial -o a.tsv && printf 'R: niets\n' > leeg.txt && codeer add leeg.txt >/dev/null && codeer agree --coders anna,bert --codes VB,EK --docs leeg --partial -o b.tsv && codeer agree --merge a.tsv b.tsv --format tsv | sed -n '1p;/^(all codes).Cohen/p' && codeer agree --coders anna,bert --codes VB,EK --docs mini,leeg --format tsv > whole.tsv && codeer agree --merge b.tsv a.tsv --format tsv | cmp - whole.tsv
code	coefficient	value	se	ci_low	ci_high	units	coded	note
(all codes)	Cohen's kappa	0.5556	0.2783			12	4	
? 0

# a part where bert coded nothing (he has no codings there): its document
# is left out, named by the merge as the whole project would name it
$ codeer init n >/dev/null && cd n && printf 'R: Ik verbind bewoners met elkaar.\n' > other.txt && codeer add other.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add --coder anna other t1 VB >/dev/null && codeer agree --coders anna,bert --codes VB,EK --partial -o n.tsv && grep -e '^left' -e '^doc' n.tsv && codeer agree --merge ../m/a.tsv n.tsv --format tsv | cmp - ../m/whole-a.tsv
left	other	0	1
! codeer: left out 1 document that bert did not code: other
! codeer: --all-docs compares them, counting a document a coder did not touch as coded with nothing
? 0

# what needs the units themselves does not add up, and is refused by name
$ codeer agree --merge s2/part-0.tsv s2/part-1.tsv --bootstrap 100
! codeer agree: --bootstrap (its intervals resample the units) does not add up over parts of a corpus: not with --merge FILE...
! usage: codeer agree [--coders A,B,...] [--codes C1,C2,...] [--docs D1,D2,...]
!                     [--all-docs] [--unit U] [--overlap P] [--only-coded]
!                     [--by case|doc] [--exclusive GROUP] [--show-disagreements]
!                     [--bootstrap N] [--seed S] [--digits N] [--unitizing]
!                     [--table FILE] [--layout L] [--level L]
!                     [--weights none|linear|quadratic] [--coefficients LIST]
!                     [--partial] [--merge A,B,...] [--into NAME]
!                     [--rule both|either|majority] [--force]
!                     [--format table|tsv|csv|json|md|html] [-o FILE] [FILE...]
? 2

$ cd q && codeer agree --coders auto,b --partial --show-disagreements 2>&1 | sed -n 1p
codeer agree: --show-disagreements (they list the units and their text) does not add up over parts of a corpus: not with --partial
? 2

$ cd q && codeer agree --coders auto,b --partial --unitizing 2>&1 | sed -n 1p
codeer agree: --unitizing (unitizing alpha puts all documents on one continuum) does not add up over parts of a corpus: not with --partial
? 2

$ cd q && codeer agree --coders auto,b --partial --by case 2>&1 | sed -n 1p
codeer agree: --by (the cases' tables are not in partial tables) does not add up over parts of a corpus: not with --partial
? 2

$ codeer agree --merge s2/part-0.tsv s2/part-1.tsv --unit char 2>&1 | sed -n 1p
codeer agree: --unit is chosen when the partial tables are made; leave it out of --merge
? 2

# partials made with other choices are refused, naming the file and what differs
$ (cd s2/part-1/p && codeer agree --coders auto,c --partial -o ../../../c1.tsv) && codeer agree --merge s2/part-0.tsv c1.tsv
! codeer: c1.tsv: made with other coders than the partial tables before (auto,b,c)
? 2

$ (cd s2/part-1/p && codeer agree --coders auto,b,c --unit sentence --exclusive draagkracht/AC --partial -o ../../../u1.tsv) && codeer agree --merge s2/part-0.tsv u1.tsv
! codeer: u1.tsv: made with unit sentence, where the partial tables before have turn
? 2

$ (cd s2/part-1/p && codeer agree --coders auto,b,c --partial -o ../../../e1.tsv) && codeer agree --merge s2/part-0.tsv e1.tsv
! codeer: e1.tsv: made with --exclusive (none), where the partial tables before have draagkracht/AC
? 2

$ (cd s2/part-1/p && codeer agree --coders auto,b,c --codes maatwerk/APN --partial -o ../../../k1.tsv) && (cd s2/part-0/p && codeer agree --coders auto,b,c --codes maatwerk/BT --partial -o ../../../k0.tsv) && codeer agree --merge k0.tsv k1.tsv
! codeer: k1.tsv: made with other codes than the partial tables before (--codes or --exclusive)
? 2

# a document in two parts would count twice
$ codeer agree --merge s2/part-0.tsv s2/part-0.tsv
! codeer: s2/part-0.tsv: document 's000-professional-1' is also in s2/part-0.tsv: each document belongs in one part
? 2

# bad files: the file and the line
$ sed 's/^codeer-partial-agreement\t1$/codeer-partial-agreement\t2/' s2/part-0.tsv > v2.tsv && codeer agree --merge v2.tsv
! codeer: v2.tsv: partial agreement table version 2; this codeer reads version 1
? 2

$ awk -F'\t' '$1 == "p" && !done { $NF = "x"; done = 1 } 1' OFS='\t' s2/part-0.tsv > badw.tsv && codeer agree --merge badw.tsv 2>&1 | sed 's/:[0-9]*:/:LINE:/'
codeer: badw.tsv:LINE: a pattern's weight must be a whole number above 0
? 2

$ awk -F'\t' '$1 == "var" && !done { $3 = "many"; done = 1 } 1' OFS='\t' s2/part-0.tsv > badv.tsv && codeer agree --merge badv.tsv 2>&1 | sed 's/:[0-9]*:/:LINE:/'
codeer: badv.tsv:LINE: a code's units, coded units and patterns are counts (coded at most units)
? 2

$ head -n 30 s2/part-0.tsv > cut.tsv && codeer agree --merge cut.tsv
! codeer: cut.tsv: incomplete partial agreement table (no end line)
? 2

$ grep -v '^unit' s2/part-0.tsv > nounit.tsv && codeer agree --merge nounit.tsv
! codeer: nounit.tsv:11: the head lacks its 'unit' line
? 2

$ codeer agree --merge whole.json
! codeer: whole.json: not a partial agreement table (made by 'codeer agree --partial')
? 2

# --merge with coders and no --into is a merge of files: the message says so
$ codeer agree --merge auto,b
! codeer: auto,b: cannot read: No such file or directory (--merge FILE... adds up partial tables; a consensus of coders needs --into NAME)
? 2

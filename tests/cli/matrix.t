# codeer matrix, cooccur and freq on tests/data/mini.txt (coder auto: the
# rules; coder anna: t1 VB, t2 VB, t4 EK, t5 VB.NET) and a second
# document; then the shipped corpus for the sums and a CSV round trip.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && printf 'R: Nog een interview over verbinden.\n' > other.txt && codeer add mini.txt other.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder anna mini $t >/dev/null; done && printf 'case\tdocs\trol\nk1\tmini\twijkcoach\nk2\tother\t\n' > c.tsv && codeer cases import c.tsv
2 cases
? 0

# two coders and no default: which to count must be said, because adding
# them up counts a passage once per coder
$ cd p && codeer matrix
! codeer: the project has codings of 2 coders (anna, auto): name the coder to count, or all of them (--coder NAME, or --coder all to add them up)
? 2

# both coders added up on request: auto 2+1+1 in mini and 1 in other; anna 2+1+1
$ cd p && codeer matrix --coder all --format table
case   mini/VB  mini/VB.NET  mini/EK  total
k1           4            2        2      8
k2           1            0        0      1
total        5            2        2      9
? 0

# a case without the attribute is its own row, never dropped
$ cd p && codeer matrix --rows attr:rol --coder all --format table --all
rol        mini/VB  mini/VB.NET  mini/EK  mini/HAND  total
wijkcoach        4            2        2          0      8
(missing)        1            0        0          0      1
total            5            2        2          0      9
? 0

$ cd p && codeer matrix --percent row --coder all --format table
case   mini/VB  mini/VB.NET  mini/EK  total
k1        50.0         25.0     25.0  100.0
k2       100.0          0.0      0.0  100.0
total     55.6         22.2     22.2  100.0
? 0

$ cd p && codeer matrix --cell presence --cols group --all --coder anna,auto --format table
case   mini/VB  mini/EK  mini/HAND  total
k1           1        1          0      2
k2           1        0          0      1
total        2        1          0      3
? 0

# words coded by anna, by speaker: "Hoe verbindt u mensen?" is 4 words
$ cd p && codeer matrix --rows speaker --cell words --coder anna --format table
speaker  mini/VB  mini/VB.NET  mini/EK  total
I              4            0        0      4
R             12            4       27     43
total         16            4       27     47
? 0

$ cd p && codeer matrix --cell quotes --coder anna --codes VB --format tsv
case	mini/VB
k1	Hoe verbindt u mensen? | Ik verbind bewoners met elkaar. De internetverbinding in de wijk is slecht.
? 0

# CSV for spreadsheets: RFC 4180 lines, optional byte-order mark
$ cd p && codeer matrix --cell docs --coder all --format csv --bom | head -c 4 | od -An -c
 357 273 277   c
? 0

# chi-square on a table checked by hand: O = [[4,2,2],[1,0,0]], n = 9,
# E = [[40/9,16/9,16/9],[5/9,2/9,2/9]]: chi2 = .0444 + 2(.0278) + .3556
# + 2(.2222) = .9000; df = 2, so p = exp(-.45) = .6376; V = sqrt(.9/9)
$ cd p && codeer matrix --chi2 --coder all --format table | tail -1
chi-square = 0.9000, df = 2, p = 0.6376, Cramér's V = 0.3162
? 0

$ cd p && codeer cooccur --within turn --coder auto --format table
code         mini/VB  mini/VB.NET  mini/EK
mini/VB            3            0        0
mini/VB.NET        0            1        1
mini/EK            0            1        1
? 0

$ cd p && codeer cooccur --within segment --coder auto --measure c --format tsv
code	mini/VB	mini/VB.NET	mini/EK
mini/VB	1.000	0.000	0.000
mini/VB.NET	0.000	1.000	1.000
mini/EK	0.000	1.000	1.000
? 0

# --chi2 is part of the output: a "chi2" object beside the matrix in JSON
# (full precision), a paragraph under the HTML table; CSV and TSV, one
# rectangular table each, are refused rather than given a stray line
$ cd p && codeer matrix --chi2 --coder all --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); c=d["chi2"]; print(len(d["matrix"]), "rows;", round(c["statistic"], 12), c["df"], round(c["p"], 4), round(c["cramers_v"], 4), type(c["df"]).__name__)'
3 rows; 0.9 2 0.6376 0.3162 int
? 0

$ cd p && codeer matrix --chi2 --coder all --format html | tail -1
<p class="chi2">Pearson&#8217;s chi-square = 0.9000, df = 2, p = 0.6376, Cram&#233;r&#8217;s V = 0.3162</p>
? 0

$ cd p && codeer matrix --chi2 --coder all --format csv
! codeer matrix: --chi2 has no place in a CSV table; use --format json, html, md or table (or leave out --chi2)
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

# piped, the matrix keeps its header (TSV); -o takes the format from the
# extension: JSON into .json, and no CSV dressed up as .xlsx
$ cd p && codeer matrix --coder all | head -1
case	mini/VB	mini/VB.NET	mini/EK	total
? 0

$ cd p && codeer matrix --coder all -o m.json && python3 -c 'import json; d=json.load(open("m.json")); print(d[0])'
{'case': 'k1', 'mini/VB': 4, 'mini/VB.NET': 2, 'mini/EK': 2, 'total': 8}
? 0

$ cd p && codeer matrix --coder all -o m.xlsx; s=$?; ls m.xlsx 2>/dev/null; exit $s
! codeer: m.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
? 2

# JSON: one document, numbers at full precision, undefined cells null
# (column percentages: k1 holds 8 of the 9 codings, k2 none of EK's; with
# --all, anna's row k2 has no codings, so its row percentages are undefined)
$ cd p && codeer matrix --coder all --percent col --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["total"] == 100 * 8 / 9, d[1]["mini/EK"], d[2]["mini/EK"])'
True 0 100
? 0

$ cd p && codeer matrix --coder anna --percent row --all --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[1]["case"], d[1]["mini/VB"], d[1]["total"])'
k2 None None
? 0

# a project default coder (codeer.toml) is counted without --coder, and
# stderr says so
$ cd p && cp codeer.toml toml.bak && echo 'coder = "anna"' >> codeer.toml && codeer matrix --format tsv; s=$?; cp toml.bak codeer.toml; exit $s
case	mini/VB	mini/VB.NET	mini/EK	total
k1	2	1	1	4
total	2	1	1	4
! codeer: counting the codings of coder anna
? 0

# bad input: clear errors; -o leaves no partial file
$ cd p && codeer matrix --rows attr:nope --coder all
! codeer: no case attribute 'nope' (see 'codeer cases')
? 2

$ cd p && codeer matrix --codes NOPE --coder all
! codeer: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

# --codes picks code columns; with group columns it would drop codings
# unseen (the library says what is wrong, the command which option)
$ cd p && codeer matrix --cols group --codes VB --coder all
! codeer: codes are picked as columns of their own: a group or scheme column missing some of its codes would not say so; pick a group as CODE+ (--codes goes with --cols code)
? 2

# --codes is a comma list as everywhere: spaces around the commas are
# trimmed (they used to make "' EK'" an unknown code), an empty item is
# refused
$ cd p && codeer matrix --coder all --codes "VB, EK" --format tsv && codeer cooccur --coder auto --codes "VB, EK" --format tsv
case	mini/VB	mini/EK	total
k1	4	2	6
k2	1	0	1
total	5	2	7
code	mini/VB	mini/EK
mini/VB	3	0
mini/EK	0	1
? 0

$ cd p && codeer matrix --coder all --codes "VB,,EK"
! codeer: --codes: an empty item in 'VB,,EK'
? 2

$ cd p && mkdir ro && chmod 555 ro && if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups codeer matrix --coder all -o ro/m.csv; else codeer matrix --coder all -o ro/m.csv; fi; s=$?; ls ro | wc -l; exit $s
0
! codeer: cannot write in ro: Permission denied
? 2

$ cd p && codeer matrix --coder all -o m.csv && head -1 m.csv | tr -d '\r'
case,mini/VB,mini/VB.NET,mini/EK,total
? 0

# freq follows the same coder policy: two coders, no default, no sum
# unless asked for; anna's t1 (4 words) and t2 (12) VB, t5 (4) VB.NET and
# t4 (27) EK; piped with its header; JSON one document of numbers
$ cd p && codeer freq
! codeer: the project has codings of 2 coders (anna, auto): name the coder to count, or all of them (--coder NAME, or --coder all to add them up)
? 2

$ cd p && codeer freq --coder anna
code	label	segments	docs	cases	words
mini/VB	Verbinden	2	1	1	16
mini/VB.NET	Netwerk in de buurt	1	1	1	4
mini/EK	Eigen kracht	1	1	1	27
? 0

$ cd p && codeer freq --coder anna,auto -o f.json && python3 -c 'import json; d=json.load(open("f.json")); print([(r["code"], r["segments"]) for r in d])'
[('mini/VB', 5), ('mini/VB.NET', 2), ('mini/EK', 2)]
? 0

# words and shares count each word once per cell: coder hand codes t4
# (27 words) EK, and its sentences s5 and s6 EK again inside it, and t2's
# s2 "Ik verbind bewoners met elkaar." (5 words) EK. mini has 50 words:
# EK covers 32 of them, 64 %, not 27 + 4 + 11 + 5 = 47 words, 94 %; the
# total row is the share of all 55 words of the project (other.txt's too).
$ cd p && for r in t4 s5 s6 s2; do codeer code add --coder hand mini $r EK >/dev/null; done && codeer matrix --coder hand --cell words --format tsv && codeer matrix --coder hand --cell share --format tsv
case	mini/EK	total
k1	32	32
total	32	32
case	mini/EK	total
k1	64.0	64.0
total	58.2	58.2
? 0

# co-occurrence counts units, not pairs of codings: coder hc codes t4
# HAND and its three sentences s5, s6, s7 EK, and s2 EK. Segments are
# coded passages (overlapping codings joined): t4 with HAND and EK, s2
# with EK, so n(HAND) = 1, n(EK) = 2, n12 = 1, c = 1 / (1 + 2 - 1) = .5
# (pairs of codings gave n12 = 3, c = 3 / (1 + 4 - 3) = 1.5); by
# sentence s5-s7 hold both and s2 EK alone: c = 3 / (3 + 4 - 3) = .75
$ cd p && codeer code add --coder hc mini t4 HAND >/dev/null && for s in s5 s6 s7 s2; do codeer code add --coder hc mini $s EK > /dev/null; done && codeer cooccur --coder hc --format tsv && codeer cooccur --coder hc --measure c --format tsv && codeer cooccur --coder hc --within sentence --measure c --format tsv
code	mini/EK	mini/HAND
mini/EK	2	1
mini/HAND	1	1
code	mini/EK	mini/HAND
mini/EK	1.000	0.500
mini/HAND	0.500	1.000
code	mini/EK	mini/HAND
mini/EK	1.000	0.750
mini/HAND	0.750	1.000
? 0

# piped with its header, -o by extension, JSON with full precision and
# null for an undefined c (VB occurs nowhere: 0 / 0)
$ cd p && codeer cooccur --coder hc | sed -n 1,1p && codeer cooccur --coder hc -o co.csv && tr -d '\r' < co.csv | head -1
code	mini/EK	mini/HAND
code,mini/EK,mini/HAND
? 0

$ cd p && codeer cooccur --coder hc --within sentence --codes EK,HAND,VB --measure c --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["mini/HAND"] == 0.75, d[2]["mini/VB"], d[2]["mini/EK"])'
True None 0
? 0

# the corpus: the sum of a count matrix is the number of codings, and
# the CSV loads back through Python's csv module with the same numbers
$ codeer init q >/dev/null && cd q && codeer add "$CORPORA"/*.txt >/dev/null && codeer cases import "$CORPORA/cases.tsv" >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && codeer autocode
1239 codings in 74 documents for coder auto (1239 new, 0 gone, 0 kept as rejected)
? 0

$ cd q && codeer matrix --rows attr:gemeente --format csv > m.csv && python3 -c 'import csv,sys; rows=list(csv.reader(open("m.csv", newline="", encoding="utf-8"))); body=rows[1:-1]; s=sum(int(c) for r in body for c in r[1:-1]); print(len(rows[0]) - 2, "columns;", s, "codings; totals agree:", s == int(rows[-1][-1]))'
114 columns; 1239 codings; totals agree: True
! codeer: counting the codings of coder auto
? 0

# Partial matrices: the corpus split 1, 2 and 8 ways (documents of one
# case kept together), each part a project coded on its own; the merged
# matrices are the same byte for byte for every split, rows, columns and
# cell, and for rows other than cases the same as the whole project's
# (cases come merged in natural order)
$ for k in 1 2 8; do "$CODEER_SRCDIR"/tests/scale/split-corpus $k s$k "$CORPORA" && for d in s$k/part-*/; do (cd $d && codeer init p >/dev/null && cd p && xargs -d '\n' codeer add < ../files >/dev/null && codeer cases import ../cases.tsv >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && codeer autocode >/dev/null) || exit 1; done; done; ls -d s8/part-* | wc -l
8
? 0

$ fail=0; for spec in "--rows case" "--rows doc" "--rows attr:gemeente" "--rows speaker" "--rows case --cols group" "--rows attr:rol --cols scheme" "--rows doc --codes EMP.EK,VB+" "--rows case --speaker R"; do for k in 1 2 8; do for d in s$k/part-*/; do (cd $d/p && codeer matrix --coder auto $spec --partial -o ../../$(basename $d).tsv) || fail=1; done; done; for cell in count presence docs words share; do for extra in "" --all "--percent col"; do (cd q && codeer matrix --coder auto $spec --cell $cell $extra --format json) > whole.json; for k in 1 2 8; do codeer matrix --merge s$k/part-*.tsv --cell $cell $extra --format json > m$k.json || fail=1; cmp -s m1.json m$k.json || { echo "split $k differs: $spec --cell $cell $extra"; fail=1; }; done; case "$spec" in *case*) ;; *) cmp -s whole.json m1.json || { echo "not the whole project's: $spec --cell $cell $extra"; fail=1; };; esac; done; done; done; echo failures: $fail
failures: 0
? 0

# the merge prints what matrix prints, in any format, with --chi2
$ (cd q && codeer matrix --coder auto --rows attr:rol --cols scheme --chi2 --format md) > whole.md && (cd s8/part-3/p && codeer matrix --coder auto --rows attr:rol --cols scheme --partial) > rol3.tsv && for d in s8/part-*/; do (cd $d/p && codeer matrix --coder auto --rows attr:rol --cols scheme --partial -o ../rol.tsv); done && codeer matrix --merge s8/part-*/rol.tsv --chi2 --format md | cmp - whole.md && tail -n 1 whole.md
chi-square = 25.6037, df = 12, p = 0.01221, Cramér's V = 0.1016
? 0

# what does not add up, or was chosen when the partials were made
$ cd q && codeer matrix --partial --cell words
! codeer matrix: a partial matrix holds every sum of every row and column; choose --cell, --percent, --chi2, --all, --format and --bom with --merge
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

$ codeer matrix --merge s2/part-0.tsv --cell quotes
! codeer matrix: --cell quotes does not add up: a partial matrix holds sums only
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

$ codeer matrix --merge s2/part-0.tsv --rows doc
! codeer matrix: --rows is chosen when the partial matrices are made; leave it out of --merge
! usage: codeer matrix [--rows case|doc|speaker|attr:NAME]
!                      [--cols code|group|scheme] [--codes C1,C2+,...]
!                      [--cell count|presence|docs|words|share|quotes]
!                      [--coder NAME] [--doc ID]... [--case ID]...
!                      [--attr KEY=VALUE]... [--speaker NAME]...
!                      [--percent row|col] [--all] [--chi2] [--partial]
!                      [--merge] [--from-stream FILE] [--scheme FILE.xml]...
!                      [--format F] [--bom] [-o FILE] [FILE...]
? 2

$ codeer matrix --merge s2/part-0.tsv rol3.tsv
! codeer: rol3.tsv: rows are 'attr:rol', where the partial matrices before have 'case'
? 2

$ head -n 20 s2/part-0.tsv > cut.tsv && codeer matrix --merge cut.tsv
! codeer: cut.tsv: incomplete partial matrix (no totals line at the end)
? 2

$ codeer matrix --merge whole.md
! codeer: whole.md: not a partial matrix (made by 'codeer matrix --partial')
? 2

# the codings index in .codeer-cache/: made by the first matrix, followed
# when the codings change, refused and made again when damaged, and never
# part of what the matrix counts
$ cd p && rm -rf .codeer-cache && codeer matrix --coder anna --format tsv > a.tsv && ls .codeer-cache | grep codings- && codeer code add --coder anna other t1 VB >/dev/null && codeer matrix --coder anna --format tsv
codings-anna.idx
case	mini/VB	mini/VB.NET	mini/EK	total
k1	2	1	1	4
k2	1	0	0	1
total	3	1	1	5
? 0

$ cd p && cp .codeer-cache/codings-anna.idx good.idx && printf 'xxxx' | dd of=.codeer-cache/codings-anna.idx bs=1 seek=200 conv=notrunc status=none && codeer matrix --coder anna --format tsv && cmp good.idx .codeer-cache/codings-anna.idx && printf 'cdrcidx\n' > .codeer-cache/codings-anna.idx && codeer matrix --coder anna --format tsv | tail -n 1 && cmp good.idx .codeer-cache/codings-anna.idx && echo rebuilt
case	mini/VB	mini/VB.NET	mini/EK	total
k1	2	1	1	4
k2	1	0	0	1
total	3	1	1	5
total	3	1	1	5
rebuilt
? 0

# one interview holding two dossiers (cases A and B are stretches of it):
# a share is of the words of the case's own turns, A's 2 + 4 and B's 2 + 6,
# not of the interview's 14
$ codeer init st >/dev/null && cd st && printf 'I: een twee\nR: drie vier vijf zes\nI: zeven acht\nR: negen tien elf twaalf dertien veertien\n' > iv.txt && codeer add iv.txt >/dev/null && printf 'case\tdocs\nA\tiv:t1-t2\nB\tiv:t3-t4\n' > d.tsv && codeer cases import d.tsv >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && for t in "t2 VB" "t3 VB" "t4 EK"; do codeer code add --coder anna iv $t >/dev/null; done && codeer matrix --coder anna --cell words --format tsv && codeer matrix --coder anna --cell share --format tsv
case	mini/VB	mini/EK	total
A	4	0	4
B	2	6	8
total	6	6	12
case	mini/VB	mini/EK	total
A	66.7	0.0	66.7
B	25.0	75.0	100.0
total	42.9	42.9	85.7
? 0

# --rows speaker: a coding in text outside every turn (a header line before
# the first speaker, here) counts in the row "(no speaker)", also when
# every turn has a speaker: the total is freq's, nothing drops out
$ codeer init ns >/dev/null && cd ns && printf 'Interview over verbinden, mei\n\nI: Wat doet u?\nR: Ik verbind mensen met de buurt.\n' > h.txt && codeer add h.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add --coder anna h c0-10 VB >/dev/null && codeer code add --coder anna h t2 VB >/dev/null && codeer matrix --coder anna --rows speaker --format tsv && codeer freq --coder anna --format tsv | cut -f1,3
speaker	mini/VB	total
R	1	1
(no speaker)	1	1
total	2	2
code	segments
mini/VB	2
? 0

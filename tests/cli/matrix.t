# codeer matrix and cooccur on tests/data/mini.txt (coder auto: the
# rules; coder anna: t1 VB, t2 VB, t4 EK, t5 VB.NET) and a second
# document; then the shipped corpus for the sums and a CSV round trip.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && printf 'R: Nog een interview over verbinden.\n' > other.txt && codeer add mini.txt other.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder anna mini $t >/dev/null; done && printf 'case\tdocs\trol\nk1\tmini\twijkcoach\nk2\tother\t\n' > c.tsv && codeer cases import c.tsv
2 cases
? 0

# both coders: auto 2+1+1 in mini and 1 in other; anna 2+1+1
$ cd p && codeer matrix --format table
case   mini/VB  mini/VB.NET  mini/EK  total
k1           4            2        2      8
k2           1            0        0      1
total        5            2        2      9
? 0

# a case without the attribute is its own row, never dropped
$ cd p && codeer matrix --rows attr:rol --format table --all
rol        mini/VB  mini/VB.NET  mini/EK  mini/HAND  total
wijkcoach        4            2        2          0      8
(missing)        1            0        0          0      1
total            5            2        2          0      9
? 0

$ cd p && codeer matrix --percent row --format table
case   mini/VB  mini/VB.NET  mini/EK  total
k1        50.0         25.0     25.0  100.0
k2       100.0          0.0      0.0  100.0
total     55.6         22.2     22.2  100.0
? 0

$ cd p && codeer matrix --cell presence --cols group --all --format table
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
$ cd p && codeer matrix --cell docs --format csv --bom | head -c 4 | od -An -c
 357 273 277   c
? 0

# chi-square on a table checked by hand: O = [[4,2,2],[1,0,0]], n = 9,
# E = [[40/9,16/9,16/9],[5/9,2/9,2/9]]: chi2 = .0444 + 2(.0278) + .3556
# + 2(.2222) = .9000; df = 2, so p = exp(-.45) = .6376; V = sqrt(.9/9)
$ cd p && codeer matrix --chi2 --format table | tail -1
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

# bad input: clear errors; -o leaves no partial file
$ cd p && codeer matrix --rows attr:nope
! codeer: no case attribute 'nope' (see 'codeer cases')
? 2

$ cd p && codeer matrix --codes NOPE
! codeer: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

# --codes picks code columns; with group columns it would drop codings unseen
$ cd p && codeer matrix --cols group --codes VB
! codeer: --codes picks columns of --cols code; for a group, name it with its subtree (CODE+)
? 2

$ cd p && mkdir ro && chmod 555 ro && if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups codeer matrix -o ro/m.csv; else codeer matrix -o ro/m.csv; fi; s=$?; ls ro | wc -l; exit $s
0
! codeer: cannot write in ro: Permission denied
? 2

$ cd p && codeer matrix -o m.csv && head -1 m.csv | tr -d '\r'
case,mini/VB,mini/VB.NET,mini/EK,total
? 0

# the corpus: the sum of a count matrix is the number of codings, and
# the CSV loads back through Python's csv module with the same numbers
$ codeer init q >/dev/null && cd q && codeer add "$CORPORA"/*.txt >/dev/null && codeer cases import "$CORPORA/cases.tsv" >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && codeer autocode
910 codings in 64 documents for coder auto (910 new, 0 gone, 0 kept as rejected)
? 0

$ cd q && codeer matrix --rows attr:gemeente --format csv > m.csv && python3 -c 'import csv,sys; rows=list(csv.reader(open("m.csv", newline="", encoding="utf-8"))); body=rows[1:-1]; s=sum(int(c) for r in body for c in r[1:-1]); print(len(rows[0]) - 2, "columns;", s, "codings; totals agree:", s == int(rows[-1][-1]))'
91 columns; 910 codings; totals agree: True
? 0

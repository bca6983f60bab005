# codeer report on tests/data/mini.txt (coder auto: the rules; coder anna:
# mini t1 VB, t2 VB, t4 EK, t5 VB.NET and other t2 VB) and a second
# document whose answer holds "<", "&" and quotes. Checked: one
# self-contained file, the heatmap's numbers and labels, escaping, the
# agreement table, links that resolve, and writing atomically; whose
# codings are counted (cdr_coders_choose) and which coders are compared.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && printf 'I: Wat vindt u van verbinden?\n\nR: Verbinden <b>is</b> "goed" & nodig, zegt R&D.\n' > other.txt && codeer add mini.txt other.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder anna mini $t >/dev/null; done && codeer code add --coder anna other t2 VB >/dev/null && printf 'case\tdocs\trol\nk1\tmini\twijkcoach\nk2\tother\t\n' > c.tsv && codeer cases import c.tsv
2 cases
? 0

# two coders and no default coder: the report will not add them up
# silently; the error names them, and no file is written
$ cd p && codeer report; s=$?; ls report.html 2>/dev/null; exit $s
! codeer: the project has codings of 2 coders (anna, auto): name the coder to count, or all of them (--coder NAME, or --coder all to add them up)
? 2

# the default file, in the current directory; --coder all adds them up
# and the page says so, in the header and above every table that counts
$ cd p && codeer report --coder all | sed -E 's/\([0-9]+ KB\)/(N KB)/' && ls report.html && grep -o -e 'counted: [^·]*' -e '<dt>Codings counted</dt><dd>[^;]*' report.html && grep -c '<p class="note counted">Counted: the codings of all 2 coders added up (<b>anna</b>, <b>auto</b>): a passage coded by two coders counts twice.</p>' report.html
wrote report.html (N KB)
report.html
counted: the codings of all 2 coders added up (<b>anna</b>, <b>auto</b>): a passage coded by two coders counts twice 
<dt>Codings counted</dt><dd>the codings of all 2 coders added up (<b>anna</b>, <b>auto</b>): a passage coded by two coders counts twice
3
? 0

# one coder's codings: the frequencies, heatmap and co-occurrence say whose
$ cd p && codeer report --coder auto -o auto.html >/dev/null && grep -c '<p class="note counted">Counted: the codings of coder <b>auto</b>.</p>' auto.html
3
? 0

# a project default coder (coder = "NAME" in codeer.toml) is counted
# without --coder, and the page says where the choice came from
$ cp -r p pd && cd pd && printf 'coder = "anna"\n' >> codeer.toml && codeer report -o d.html >/dev/null && grep -o 'counted: [^·]*' d.html && grep '^<g><title>k1 × total' d.html | sed -E 's/^<g><title>([^<]*)<\/title>.*/\1/'
counted: the codings of coder <b>anna</b> (the project's default coder) 
k1 × total: 4 coded segments
? 0

# one HTML5 file, nothing fetched: no URL at all, no external script,
# style sheet, image or font
$ cd p && head -1 report.html && tail -1 report.html && grep -c -i -E 'https?:|(src|href)="//|<script[^>]* src|<link|<img|@import|url\(' report.html
<!DOCTYPE html>
</html>
0
? 1

# the heatmap: one cell per case and code with its count in the cell
# (the same numbers as 'codeer matrix'), totals, and the code labels
$ cd p && codeer matrix --coder all --format tsv && grep '^<g><title>[kt]' report.html | sed -E 's/^<g><title>([^<]*)<\/title>.*>([0-9]+)<\/text><\/g>$/\1 [\2]/; s/^<g><title>([^<]*)<\/title>.*<\/g>$/\1 []/'
case	mini/VB	mini/VB.NET	mini/EK	total
k1	4	2	2	8
k2	3	0	0	3
total	7	2	2	11
k1 × mini/VB: 4 coded segments [4]
k1 × mini/VB.NET: 2 coded segments [2]
k1 × mini/EK: 2 coded segments [2]
k1 × total: 8 coded segments [8]
k2 × mini/VB: 3 coded segments [3]
k2 × mini/VB.NET: 0 coded segments []
k2 × mini/EK: 0 coded segments []
k2 × total: 3 coded segments [3]
total × mini/VB: 7 coded segments [7]
total × mini/VB.NET: 2 coded segments [2]
total × mini/EK: 2 coded segments [2]
total × total: 11 coded segments [11]
? 0

$ cd p && grep -o 'rotate(-45[^>]*><title>[^<]*</title>[^<]*' report.html | sed 's/.*<title>//; s/<\/title>/ -> /'
mini/VB: Verbinden -> VB
mini/VB.NET: Netwerk in de buurt -> VB.NET
mini/EK: Eigen kracht -> EK
total -> total
? 0

# the answer with markup in it is escaped, in the quote and in the transcript
$ cd p && grep -c 'Verbinden &lt;b&gt;is&lt;/b&gt; &quot;goed&quot; &amp; nodig, zegt R&amp;D\.' report.html && grep -c -e '<b>is' -e ' & ' -e 'R&D' report.html
2
0
? 1

# each quote links to its turn; the transcript has the turn with that id
$ cd p && grep -o '<blockquote>[^<]*&amp;[^<]*</blockquote><p class="src"><a href="[^"]*">[^<]*</a>' report.html | sed 's/.*href=//' && grep -o '<li id="doc-other-t[0-9]*">' report.html
"#doc-other-t2">other t2</a>
<li id="doc-other-t1">
<li id="doc-other-t2">
? 0

# every link inside the page resolves, and no id is used twice
$ cd p && grep -o 'href="#[^"]*"' report.html | sed 's/^href="#//; s/"$//' | sort -u > hrefs && grep -o ' id="[^"]*"' report.html | sed 's/^ id="//; s/"$//' | sort > ids && echo "$(wc -l < hrefs) targets, $(comm -23 hrefs ids | wc -l) missing, $(uniq -d ids | wc -l) ids twice" && grep -o -e 'href="#doc-mini-t4"' -e 'href="#code-mini/VB.NET"' report.html | sort -u
18 targets, 0 missing, 0 ids twice
href="#code-mini/VB.NET"
href="#doc-mini-t4"
? 0

# one hand coder (anna) and the rules (auto): by default no comparison,
# and the page says why and how to ask for one
$ cd p && grep -c 'id="agreement-table"' report.html; grep -o 'No comparison: .*</p>' report.html | sed 's/<[^>]*>//g'
0
No comparison: the section compares two hand coders (coders other than auto, the rules' proposals), and this project has one, anna. codeer report --coders auto,NAME compares the rules with a coder.
? 0

# agreement of the rules and anna, named (checked by hand: VB 6 of 7
# turns agree, kappa = (6/7 - 24/49) / (25/49) = .720; VB.NET 5 of 7,
# kappa = (35/49 - 37/49) / (12/49) = -.167, alpha = 1 - 13 * 2 / 24 = -.083)
$ cd p && codeer report --coder anna --coders auto,anna -o ra.html >/dev/null && sed -n '/id="agreement-table"/,/<\/table>/p' ra.html | sed -e 's/<\/t[dh]>/|/g' -e 's/<[^>]*>//g' -e '/^$/d'
code|label|turns|coded|agreement|κ|α|
VB.NET|Netwerk in de buurt|7|2|71.4%|-0.167|-0.083|
VB|Verbinden|7|4|85.7%|0.720|0.735|
EK|Eigen kracht|7|1|100.0%|1.000|1.000|
all codes together|21||85.7%|0.632|0.639|
? 0

# two hand coders besides the rules: they are compared by default, not
# the rules (bert codes mini t1 VB and t4 EK, so they share mini; VB:
# 4 of 5 turns agree, kappa = (.8 - .56) / .44 = .545)
$ cp -r p pb && cd pb && codeer code add --coder bert mini t1 VB >/dev/null && codeer code add --coder bert mini t4 EK >/dev/null && codeer report --coder anna -o b.html >/dev/null && grep -o 'Coders <b>[^.]*' b.html && grep -o 'The first two of [^;]*' b.html | sed 's/<[^>]*>//g' && sed -n '/id="agreement-table"/,/<\/table>/p' b.html | sed -e 's/<\/t[dh]>/|/g' -e 's/<[^>]*>//g' -e '/^$/d' | grep '^VB|'
Coders <b>anna</b> and <b>bert</b>, per turn, on the 1 document they all coded
The first two of the project's 2 hand coders in name order (coders other than auto, the rules' proposals)
VB|Verbinden|5|2|80.0%|0.545|0.571|
? 0

# one coder's codings, some codes (named codes keep their column), a
# named file; a code without segments has no quotes section
$ cd p && mkdir out && codeer report --coder anna --codes VB+,HAND -o out/anna.html | sed -E 's/\([0-9]+ KB\)/(N KB)/' && grep '^<g><title>k' out/anna.html | sed -E 's/^<g><title>([^<]*)<\/title>.*>([0-9]+)<\/text><\/g>$/\1 [\2]/; s/^<g><title>([^<]*)<\/title>.*<\/g>$/\1 []/' && grep -c 'id="code-mini/EK"' out/anna.html; grep -o 'No segments for [^<]*' out/anna.html
wrote out/anna.html (N KB)
k1 × mini/VB: 2 coded segments [2]
k1 × mini/VB.NET: 1 coded segment [1]
k1 × mini/HAND: 0 coded segments []
k1 × total: 3 coded segments [3]
k2 × mini/VB: 1 coded segment [1]
k2 × mini/VB.NET: 0 coded segments []
k2 × mini/HAND: 0 coded segments []
k2 × total: 1 coded segment [1]
0
No segments for 1 code: HAND.
? 0

# the coders compared can be named
$ cd p && codeer report --coder auto --coders auto,anna -o r2.html >/dev/null && grep -o 'Coders <b>[^.]*' r2.html
Coders <b>auto</b> and <b>anna</b>, per turn, on the 2 documents they all coded
? 0

# --layout adds the cross-section of 'codeer crosssection' with a nav
# entry: a column with sub-columns spans them (colspan) above a second
# header row; each cell lists the codes present, linked to their quotes,
# and every link resolves; a column whose own name holds " / " is no
# group. --title names the page (escaped).
$ cd p && printf 'column\tsubcolumn\tcodes\nVerbinden / buurt\t\tVB+\nKracht\teigen\tEK\nKracht\tanders\tHAND\n' > layout.tsv && codeer crosssection --coder all layout.tsv --format tsv && codeer report --coder all --layout layout.tsv --title 'Wijk <A> & B' -o xs.html >/dev/null && grep -o -e '<h1>[^<]*' -e '<li><a href="#crosssection">[^<]*' xs.html && sed -n '/id="crosssection-1"/,/<\/thead>/p' xs.html && grep '<tr><th scope="row"><a href="#doc-mini">' xs.html && grep -o 'href="#[^"]*"' xs.html | sed 's/^href="#//; s/"$//' | sort -u > hrefs && grep -o ' id="[^"]*"' xs.html | sed 's/^ id="//; s/"$//' | sort > ids && echo "$(comm -23 hrefs ids | wc -l) missing, $(uniq -d ids | wc -l) ids twice"
case	Verbinden / buurt	Kracht / eigen	Kracht / anders
k1	VB, VB.NET	EK	
k2	VB		
<h1>Wijk &lt;A&gt; &amp; B
<li><a href="#crosssection">Cross-section
<div class="scroll"><table class="xs" id="crosssection-1">
<caption>layout.tsv · 2 cases</caption>
<thead><tr><th rowspan="2">case</th><th rowspan="2">Verbinden / buurt</th><th class="grp" colspan="2" scope="colgroup">Kracht</th></tr>
<tr><th class="sub">eigen</th><th class="sub">anders</th></tr>
</thead>
<tr><th scope="row"><a href="#doc-mini">k1</a></th><td><a class="chip" href="#code-mini/VB" title="Verbinden">VB</a><a class="chip" href="#code-mini/VB.NET" title="Netwerk in de buurt">VB.NET</a></td><td><a class="chip" href="#code-mini/EK" title="Eigen kracht">EK</a></td><td></td></tr>
0 missing, 0 ids twice
? 0

# without --layout, no cross-section
$ cd p && grep -c -e 'id="crosssection' -e '#crosssection' report.html
0
? 1

# --layout-cell quotes: the coded segments under the codes, escaped
$ cd p && codeer report --layout layout.tsv --layout-cell quotes --coder anna -o xq.html >/dev/null && grep '<tr><th scope="row"><a href="#doc-other">' xq.html
<tr><th scope="row"><a href="#doc-other">k2</a></th><td class="t"><a class="chip" href="#code-mini/VB" title="Verbinden">VB</a><ul class="xq"><li><b>VB</b>Verbinden &lt;b&gt;is&lt;/b&gt; &quot;goed&quot; &amp; nodig, zegt R&amp;D.</li></ul></td><td></td><td></td></tr>
? 0

# a layout error reads as in 'codeer crosssection' (file:line), and
# leaves no file
$ cd p && printf 'column\tsubcolumn\tcodes\nA\t\tVB\nB\t\tNOPE\n' > bad.tsv && codeer crosssection --coder all bad.tsv; codeer report --coder all --layout layout.tsv --layout bad.tsv -o x.html; s=$?; ls x.html 2>/dev/null; exit $s
! codeer: bad.tsv:3: no code 'NOPE' in the project's schemes (see 'codeer codes')
! codeer: bad.tsv:3: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

$ cd p && codeer report --layout layout.tsv --layout-cell all
! codeer report: --layout-cell takes codes, quotes, memos; not 'all'
! usage: codeer report [-o FILE] [--title TEXT] [--coder NAME|all]
!                      [--codes LIST] [--coders A,B,...]
!                      [--layout LAYOUT.tsv]...
!                      [--layout-cell codes|quotes|memos] [--no-transcripts]
!                      [--heatmap auto|table|picture] [--max-quotes N]
? 2

# codes with the same alpha: the report and agree show them in one order,
# worst first and then by code id (cees coded what anna coded, so every
# alpha is 1; the report used to keep scheme order, agree had none)
$ cp -r p pt && cd pt && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder cees mini $t >/dev/null; done && codeer code add --coder cees other t2 VB >/dev/null && codeer report --coder anna --coders anna,cees -o t.html >/dev/null && sed -n '/id="agreement-table"/,/<\/table>/p' t.html | sed -e 's/<\/t[dh]>/|/g' -e 's/<[^>]*>//g' -e '/^$/d' | grep -v '^all codes' | cut -d'|' -f1,7 && codeer agree --coders anna,cees --format tsv | cut -f1 | uniq
code|α
EK|1.000
VB|1.000
VB.NET|1.000
code
mini/EK
mini/VB
mini/VB.NET
(all codes)
? 0

# -o and --output are one option; an empty name is refused
$ cd p && codeer report --coder all --output long.html | sed -E 's/\([0-9]+ KB\)/(N KB)/' && codeer report --coder all -o ''
wrote long.html (N KB)
! codeer report: -o needs a file name
! usage: codeer report [-o FILE] [--title TEXT] [--coder NAME|all]
!                      [--codes LIST] [--coders A,B,...]
!                      [--layout LAYOUT.tsv]...
!                      [--layout-cell codes|quotes|memos] [--no-transcripts]
!                      [--heatmap auto|table|picture] [--max-quotes N]
? 2

# bad input: clear errors, no file
$ cd p && codeer report --coder nope -o x.html; s=$?; ls x.html 2>/dev/null; exit $s
! codeer: no coder 'nope' in the project (coders: anna, auto)
? 2

$ cd p && codeer report --coder anna,auto -o x.html; s=$?; ls x.html 2>/dev/null; exit $s
! codeer: the report counts one coder or all of them, not a list ('anna,auto')
? 2

$ cd p && codeer report --coder all --codes NOPE -o x.html
! codeer: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

$ cd p && codeer report --coders anna
! codeer report: --coders takes two or more coders, e.g. --coders auto,anna
! usage: codeer report [-o FILE] [--title TEXT] [--coder NAME|all]
!                      [--codes LIST] [--coders A,B,...]
!                      [--layout LAYOUT.tsv]...
!                      [--layout-cell codes|quotes|memos] [--no-transcripts]
!                      [--heatmap auto|table|picture] [--max-quotes N]
? 2

$ cd p && codeer report --coder all -o nodir/r.html
! codeer: cannot write in nodir: No such file or directory
? 2

$ cd p && codeer report --coder all --coders anna,nope -o x.html
! codeer: no coder 'nope' in the project (see 'codeer code list')
? 2

# --no-transcripts and --max-quotes: the tables are the full report's
# (links to the transcripts left out), every link still resolves, no
# transcript section, and each code says how many quotes it left out and
# how to list them all; that command finds exactly that many
$ cd p && codeer report --coder all -o full.html >/dev/null && codeer report --coder all --no-transcripts --max-quotes 1 -o small.html >/dev/null && for f in full.html small.html; do perl -pe 's#<a href="\#doc-[^"]*">(.*?)</a>#$1#g' $f | sed -n '/id="overview"/,/id="quotes"/p' | grep -v 'generated' > $f.tables; done && cmp full.html.tables small.html.tables && grep -c -e 'href="#doc-' -e 'id="transcripts"' -e 'href="#transcripts"' small.html; grep -o 'href="#[^"]*"' small.html | sed 's/^href="#//; s/"$//' | sort -u > hrefs && grep -o ' id="[^"]*"' small.html | sed 's/^ id="//; s/"$//' | sort > ids && echo "$(comm -23 hrefs ids | wc -l) missing" && grep -c '<li><blockquote>' small.html && grep -o '<p class="note more">.*</p>' small.html | sed 's/<[^>]*>//g' && codeer quotes --no-children mini/VB --format tsv | sed 1d | wc -l
0
0 missing
3
6 more segments not shown (at most 1 per code); all of them: codeer quotes --no-children mini/VB
1 more segment not shown (at most 1 per code); all of them: codeer quotes --no-children mini/VB.NET
1 more segment not shown (at most 1 per code); all of them: codeer quotes --no-children mini/EK
7
? 0

# one coder: the command names the coder; --max-quotes 0 keeps the
# codes and their definitions, without quotes
$ cd p && codeer report --coder anna --max-quotes 0 -o none.html >/dev/null && grep -c '<li><blockquote>' none.html; grep -o '<p class="note more">.*</p>' none.html | sed 's/<[^>]*>//g'
0
3 more segments not shown (at most 0 per code); all of them: codeer quotes --no-children --coder anna mini/VB
1 more segment not shown (at most 0 per code); all of them: codeer quotes --no-children --coder anna mini/VB.NET
1 more segment not shown (at most 0 per code); all of them: codeer quotes --no-children --coder anna mini/EK
? 0

# --heatmap table: the same counts as the picture, as a table with a
# total row and column
$ cd p && codeer report --coder all --heatmap table -o ht.html >/dev/null && grep -c '<svg class="heat"' ht.html; sed -n '/<table class="heat-t">/,/<\/table>/p' ht.html | sed -e 's/<[^>]*>/ /g' -e 's/  */ /g' -e 's/^ //' -e 's/ $//' | grep -v '^$' && codeer matrix --coder all --format tsv
0
case VB VB.NET EK total
k1 4 2 2 8
k2 3 3
total 7 2 2 11
case	mini/VB	mini/VB.NET	mini/EK	total
k1	4	2	2	8
k2	3	0	0	3
total	7	2	2	11
? 0

$ cd p && codeer report --coder all --max-quotes -2
! codeer report: --max-quotes takes a number of quotes, 0 or more
! usage: codeer report [-o FILE] [--title TEXT] [--coder NAME|all]
!                      [--codes LIST] [--coders A,B,...]
!                      [--layout LAYOUT.tsv]...
!                      [--layout-cell codes|quotes|memos] [--no-transcripts]
!                      [--heatmap auto|table|picture] [--max-quotes N]
? 2

# an unwritable place leaves no file, not even a partial one
$ cd p && mkdir ro && chmod 555 ro && if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups codeer report --coder all -o ro/r.html; else codeer report --coder all -o ro/r.html; fi; s=$?; ls ro | wc -l; exit $s
0
! codeer: cannot write in ro: Permission denied
? 2

# a project with one coder: it is counted without --coder, and the
# agreement section says why it is empty
$ codeer init q >/dev/null && cp "$DATA/mini.txt" q/ && cd q && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && codeer report >/dev/null && grep -o 'counted: [^·]*' report.html && grep -o 'No comparison: [^.]*' report.html | sed 's/<[^>]*>//g'
counted: the codings of coder <b>auto</b> (the only coder with codings) 
No comparison: the section compares two hand coders (coders other than auto, the rules' proposals), and this project has none
? 0

# an empty project still makes a page
$ codeer init e >/dev/null && cd e && codeer report >/dev/null && grep -o -e 'No codes: [^<]*' -e 'No codings yet.' -e 'this project has none' report.html
No codes: the project has no code schemes yet.
No codings yet.
this project has none
? 0

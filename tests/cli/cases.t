# Cases and attributes: add --case/--attr, cases import, and bad imports
# that must leave cases.tsv as it was.

$ codeer init p >/dev/null && cp "$CORPORA"/s002-frion-*.txt "$CORPORA"/s002-mee-*.txt "$CORPORA/s000-professional-1.txt" p/
? 0

$ cd p && codeer add --case frion --attr rol=wijkcoach --attr "gemeente=Súdwest-Fryslân" s002-frion-casussen.txt s002-frion-interview.txt | cut -f1
s002-frion-casussen
s002-frion-interview
? 0

$ cd p && codeer add s002-mee-casussen.txt s002-mee-interview.txt s000-professional-1.txt > /dev/null && codeer cases
frion	s002-frion-casussen,s002-frion-interview	wijkcoach	Súdwest-Fryslân
s002-mee-casussen	s002-mee-casussen		
s002-mee-interview	s002-mee-interview		
s000-professional-1	s000-professional-1		
? 0

$ cd p && codeer cases --format tsv | head -1
case	docs	rol	gemeente
? 0

# import merges: MEE's two documents become one case (file names work
# too), empty own-document cases disappear, new attributes are added; an
# empty cell (frion's rol) leaves the value as it was
$ cd p && printf 'case\tdocs\tteam\trol\nmee\ts002-mee-casussen.txt, s002-mee-interview\tMEE\tconsulent\nfrion\t\tFrion\t\n' > cases-extra.tsv && codeer cases import cases-extra.tsv
3 cases
? 0

$ cd p && codeer cases --format md
| case                | docs                                     | rol       | gemeente        | team  |
| ------------------- | ---------------------------------------- | --------- | --------------- | ----- |
| frion               | s002-frion-casussen,s002-frion-interview | wijkcoach | Súdwest-Fryslân | Frion |
| s000-professional-1 | s000-professional-1                      |           |                 |       |
| mee                 | s002-mee-casussen,s002-mee-interview     | consulent |                 | MEE   |
? 0

$ cd p && codeer docs | cut -f1,2
s000-professional-1	s000-professional-1
s002-frion-casussen	frion
s002-frion-interview	frion
s002-mee-casussen	mee
s002-mee-interview	mee
? 0

# json: one document, the documents as an array, an unset attribute null
$ cd p && codeer cases --format json | python3 -c 'import json,sys; [print(c) for c in json.load(sys.stdin)]'
{'case': 'frion', 'docs': ['s002-frion-casussen', 's002-frion-interview'], 'rol': 'wijkcoach', 'gemeente': 'Súdwest-Fryslân', 'team': 'Frion'}
{'case': 's000-professional-1', 'docs': ['s000-professional-1'], 'rol': None, 'gemeente': None, 'team': None}
{'case': 'mee', 'docs': ['s002-mee-casussen', 's002-mee-interview'], 'rol': 'consulent', 'gemeente': None, 'team': 'MEE'}
? 0

$ cd p && codeer cases --format json
[
 {"case": "frion", "docs": ["s002-frion-casussen", "s002-frion-interview"], "rol": "wijkcoach", "gemeente": "Súdwest-Fryslân", "team": "Frion"},
 {"case": "s000-professional-1", "docs": ["s000-professional-1"], "rol": null, "gemeente": null, "team": null},
 {"case": "mee", "docs": ["s002-mee-casussen", "s002-mee-interview"], "rol": "consulent", "gemeente": null, "team": "MEE"}
]
? 0

# -o FILE: the format from the extension; the list is unchanged when piped
$ cd p && codeer cases -o cases.csv && tr -d '\r' < cases.csv
case,docs,rol,gemeente,team
frion,"s002-frion-casussen,s002-frion-interview",wijkcoach,Súdwest-Fryslân,Frion
s000-professional-1,s000-professional-1,,,
mee,"s002-mee-casussen,s002-mee-interview",consulent,,MEE
? 0

$ cd p && codeer cases -o cases.xlsx; ls cases.xlsx
! codeer: cases.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
! ls: cannot access 'cases.xlsx': No such file or directory
? 2

$ cd p && codeer cases import --format json cases-extra.tsv
! codeer cases import: unknown option '--format'
! usage: codeer cases import [--clear-empty] FILE
? 2

$ cd p && codeer cases import -o x.json cases-extra.tsv; ls x.json
! codeer cases import: unknown option '-o'
! usage: codeer cases import [--clear-empty] FILE
! ls: cannot access 'x.json': No such file or directory
? 2

$ cd p && codeer cases import
! codeer cases import: missing arguments: FILE
! usage: codeer cases import [--clear-empty] FILE
? 2

$ cd p && codeer cases import a.tsv b.tsv
! codeer cases import: unexpected argument 'b.tsv'
! usage: codeer cases import [--clear-empty] FILE
? 2

$ cd p && codeer cases frobnicate
! codeer cases: unknown subcommand 'frobnicate' (import, set, unset)
! usage: codeer cases [--format F] [-o FILE]
!        codeer cases import [--clear-empty] FILE
!        codeer cases set CASE KEY=VALUE...
!        codeer cases unset CASE KEY...
? 2

$ cd p && codeer cases import --help | sed -n 1,1p && codeer cases --help | sed -n '/^Subcommands/,/^$/p'
usage: codeer cases import [--clear-empty] FILE
Subcommands:
  cases import           create or update cases and their attributes from a TSV or CSV file
  cases set              set attributes of one case
  cases unset            clear attributes of one case
'codeer cases SUBCOMMAND --help' tells more.

? 0

# bad imports: the message names file and line; cases.tsv is unchanged
$ cd p && cp cases.tsv before.tsv && printf 'case\tdocs\nx\tno-such-doc\n' > unknown.tsv && codeer cases import unknown.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: unknown.tsv:2: no document 'no-such-doc' in the project
? 2

$ cd p && printf 'case\tdocs\tgemeente\nx\t\tA\tB\tC\n' > ragged.tsv && codeer cases import ragged.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: ragged.tsv:2: 5 fields but the header names 3
? 2

$ cd p && printf 'naam\tgemeente\nx\tA\n' > noheader.tsv && codeer cases import noheader.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: noheader.tsv:1: the first column must be named 'case' (tab-separated header)
? 2

$ cd p && printf 'case\tdocs\na\ts002-mee-casussen\nb\ts002-mee-casussen\n' > twice.tsv && codeer cases import twice.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: twice.tsv:3: document 's002-mee-casussen' is listed in two cases
? 2

$ cd p && codeer cases import missing.tsv
! codeer: missing.tsv: cannot open: No such file or directory
? 2

# the shipped corpus: 83 cases with the attributes the reports give, the
# 18 dossiers of seed 000 among them
$ codeer init corpus >/dev/null && cd corpus && codeer add "$CORPORA"/*.txt > /dev/null && codeer cases import "$CORPORA/cases.tsv"
83 cases
? 0

$ cd corpus && codeer cases --format tsv | sed -n 1,1p && codeer cases | grep -c 'Gemeente A'
case	docs	gemeente	rol	team	ronde	bron
8
? 0

# ---- cases below the document: stretches of turns
# a dossier is a stretch of a professional's interview; dossiers without
# quotes in the corpus keep their attributes and hold nothing
$ cd corpus && codeer cases | grep -E '^(s000-professional-6|6\.[123]|1\.2)	' && codeer cases --format json | grep '"6.1"'
s000-professional-6	s000-professional-6	Gemeente C	professional			000
1.2		Gemeente A	professional			000
6.1	s000-professional-6:t1-t2	Gemeente C	professional			000
6.2	s000-professional-6:t3	Gemeente C	professional			000
6.3	s000-professional-6:t4	Gemeente C	professional			000
 {"case": "6.1", "docs": ["s000-professional-6:t1-t2"], "gemeente": "Gemeente C", "rol": "professional", "team": null, "ronde": null, "bron": "000"},
? 0

# a coding belongs to the case whose stretch holds its start; the rest of
# the document to the case that holds it whole
$ codeer init s >/dev/null && cd s && printf 'I: een\nR: twee\nI: drie\nR: vier\n' > a.txt && codeer add --case heel a.txt >/dev/null && printf 'case\tdocs\nd1\ta.txt:t2-t3\n' > d.tsv && codeer cases import d.tsv && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add a t1 VB >/dev/null && codeer code add a t2 VB >/dev/null && codeer code add a t3 EK >/dev/null && codeer code add a t4 VB >/dev/null && codeer matrix --rows case --codes "mini/VB, mini/EK" --format tsv
2 cases
case	mini/VB	mini/EK	total
heel	2	0	2
d1	1	1	2
total	3	1	4
! codeer: counting the codings of coder me
? 0

# stretches are written back as read; turns listed again move to the new
# case with the whole stretch that held them, as a document listed again
# moves (and a case left empty goes)
$ cd s && cat cases.tsv && printf 'case\tdocs\nd2\ta:t3\nd3\ta:t2\n' > m.tsv && codeer cases import m.tsv && cat cases.tsv && codeer matrix --rows case --codes "mini/VB, mini/EK" --format tsv
case	docs
heel	a
d1	a:t2-t3
3 cases
case	docs
heel	a
d2	a:t3
d3	a:t2
case	mini/VB	mini/EK	total
heel	2	0	2
d2	0	1	1
d3	1	0	1
total	3	1	4
! codeer: counting the codings of coder me
? 0

# a new document whose id is already a case name gets a case of its own
$ codeer init q >/dev/null && cd q && printf 'R: een\n' > a.txt && printf 'R: twee\n' > frion.txt && codeer add --case frion --attr rol=wijkcoach a.txt >/dev/null && codeer add frion.txt >/dev/null && codeer cases
frion	a	wijkcoach
frion-2	frion	
? 0

# import: file names with spaces, and backslashes kept as written
$ cd q && printf 'R: drie\n' > 'Interview Cliënt 3.txt' && codeer add 'Interview Cliënt 3.txt' | cut -f1 && printf 'case\tdocs\tmap\nc3\tInterview Cliënt 3.txt\tC:\\data\\tekst\n' > imp.tsv && codeer cases import imp.tsv && codeer cases --format csv | grep c3 | tr -d '\r'
interview-client-3
3 cases
c3,interview-client-3,,C:\data\tekst
? 0

# ---- CSV, duplicate columns, empty cells, set and unset
# a .csv file (or a header with commas and no tab) is read as CSV
$ cd q && printf 'case,map,regio\nc3,"C:\\data, oud",Noord\n' > imp.csv && codeer cases import imp.csv && codeer cases --format tsv | grep c3
3 cases
c3	interview-client-3		C:\data, oud	Noord
? 0

$ cd q && printf 'case,regio\nfrion,Zuid\n' > export.txt && codeer cases import export.txt && codeer cases | grep '^frion	'
3 cases
frion	a	wijkcoach		Zuid
? 0

# an empty cell leaves the value as it was; --clear-empty clears it
$ cd q && printf 'case\tmap\tregio\nc3\t\tOost\n' > blank.tsv && codeer cases import blank.tsv >/dev/null && codeer cases --format tsv | grep c3 && codeer cases import --clear-empty blank.tsv >/dev/null && codeer cases --format tsv | grep c3
c3	interview-client-3		C:\data, oud	Oost
c3	interview-client-3			Oost
? 0

# a column named twice is refused: which of the two holds the value?
$ cd q && cp cases.tsv before.tsv && printf 'case\tregio\tmap\tregio\nc3\tA\tB\tC\n' > dup.tsv && codeer cases import dup.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: dup.tsv:1: column 'regio' appears twice
? 2

$ cd q && printf 'case\tdocs\tdoc\nc3\ta\ta\n' > dup2.tsv && codeer cases import dup2.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: dup2.tsv:1: column 'doc' appears twice
? 2

$ cd q && printf 'case,regio\nc3,"Noord\n' > open.csv && codeer cases import open.csv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: open.csv:2: unterminated quoted field
? 2

$ cd q && codeer cases set c3 regio=West rol=cliënt && codeer cases --format tsv | grep -e '^case' -e '^c3'
case	docs	rol	map	regio
c3	interview-client-3	cliënt		West
? 0

$ cd q && codeer cases unset c3 rol && codeer cases --format json | python3 -c 'import json,sys; print([c for c in json.load(sys.stdin) if c["case"] == "c3"])'
[{'case': 'c3', 'docs': ['interview-client-3'], 'rol': None, 'map': None, 'regio': 'West'}]
? 0

# unset refuses a value the case does not have: a misspelt name is no silent success
$ cd q && cp cases.tsv before.tsv && codeer cases unset c3 rol; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: case 'c3' has no value for 'rol'
? 2

$ cd q && codeer cases unset c3 kleur; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: no case attribute 'kleur' in the project (see 'codeer cases')
? 2

$ cd q && codeer cases set nobody regio=Zuid; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: no case 'nobody' in the project (see 'codeer cases')
? 2

$ cd q && codeer cases set c3 regio=Zuid docs=a; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer cases set: 'docs' cannot be an attribute name (not case or docs; no tab, newline or '=')
! usage: codeer cases set CASE KEY=VALUE...
? 2

$ cd q && codeer cases set c3 regio; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer cases set: 'regio' is not KEY=VALUE
! usage: codeer cases set CASE KEY=VALUE...
? 2

$ cd q && codeer cases set c3 regio=; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer cases set: 'regio=' has no value; 'codeer cases unset c3 regio' clears it
! usage: codeer cases set CASE KEY=VALUE...
? 2

# bad stretches: the message names the file, the line and the entry
$ cd s && cp cases.tsv before.tsv && printf 'case\tdocs\nx\ta:t3-t2\n' > bad.tsv && codeer cases import bad.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: bad.tsv:2: 'a:t3-t2' is not a document or a stretch of turns (DOC:tFIRST-tLAST)
? 2

$ cd s && printf 'case\tdocs\nx\ta:t1-t2\ny\ta:t2\n' > ov.tsv && codeer cases import ov.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: ov.tsv:3: turns of 'a' are listed twice ('a:t2' overlaps t1-t2 of case 'x')
? 2

$ cd s && printf 'case\tdocs\nx\tb:t1\n' > nd.tsv && codeer cases import nd.tsv; s=$?; cmp cases.tsv before.tsv && exit $s
! codeer: nd.tsv:2: no document 'b' in the project
? 2

$ cd s && sed -i 's/a:t2$/a:x2/' cases.tsv && codeer cases
! codeer: ./cases.tsv:4: 'a:x2' is not a document or a stretch of turns (DOC:tFIRST-tLAST)
? 2

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
# too), empty own-document cases disappear, new attributes are added
$ cd p && printf 'case\tdocs\tteam\trol\nmee\ts002-mee-casussen.txt, s002-mee-interview\tMEE\tconsulent\nfrion\t\tFrion\t\n' > cases-extra.tsv && codeer cases import cases-extra.tsv
3 cases
? 0

$ cd p && codeer cases --format md
| case                | docs                                     | rol       | gemeente        | team  |
| ------------------- | ---------------------------------------- | --------- | --------------- | ----- |
| frion               | s002-frion-casussen,s002-frion-interview |           | Súdwest-Fryslân | Frion |
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
{'case': 'frion', 'docs': ['s002-frion-casussen', 's002-frion-interview'], 'rol': None, 'gemeente': 'Súdwest-Fryslân', 'team': 'Frion'}
{'case': 's000-professional-1', 'docs': ['s000-professional-1'], 'rol': None, 'gemeente': None, 'team': None}
{'case': 'mee', 'docs': ['s002-mee-casussen', 's002-mee-interview'], 'rol': 'consulent', 'gemeente': None, 'team': 'MEE'}
? 0

$ cd p && codeer cases --format json
[
 {"case": "frion", "docs": ["s002-frion-casussen", "s002-frion-interview"], "rol": null, "gemeente": "Súdwest-Fryslân", "team": "Frion"},
 {"case": "s000-professional-1", "docs": ["s000-professional-1"], "rol": null, "gemeente": null, "team": null},
 {"case": "mee", "docs": ["s002-mee-casussen", "s002-mee-interview"], "rol": "consulent", "gemeente": null, "team": "MEE"}
]
? 0

# -o FILE: the format from the extension; the list is unchanged when piped
$ cd p && codeer cases -o cases.csv && tr -d '\r' < cases.csv
case,docs,rol,gemeente,team
frion,"s002-frion-casussen,s002-frion-interview",,Súdwest-Fryslân,Frion
s000-professional-1,s000-professional-1,,,
mee,"s002-mee-casussen,s002-mee-interview",consulent,,MEE
? 0

$ cd p && codeer cases -o cases.xlsx; ls cases.xlsx
! codeer: cases.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
! ls: cannot access 'cases.xlsx': No such file or directory
? 2

$ cd p && codeer cases import --format json cases-extra.tsv
! codeer cases import: unknown option '--format'
! usage: codeer cases import FILE.tsv
? 2

$ cd p && codeer cases import -o x.json cases-extra.tsv; ls x.json
! codeer cases import: unknown option '-o'
! usage: codeer cases import FILE.tsv
! ls: cannot access 'x.json': No such file or directory
? 2

$ cd p && codeer cases import
! codeer cases import: missing arguments: FILE.tsv
! usage: codeer cases import FILE.tsv
? 2

$ cd p && codeer cases import a.tsv b.tsv
! codeer cases import: unexpected argument 'b.tsv'
! usage: codeer cases import FILE.tsv
? 2

$ cd p && codeer cases frobnicate
! codeer cases: unknown subcommand 'frobnicate' (import)
! usage: codeer cases [--format F] [-o FILE]
!        codeer cases import FILE.tsv
? 2

$ cd p && codeer cases import --help | head -1 && codeer cases --help | sed -n '/^Subcommands/,/^$/p'
usage: codeer cases import FILE.tsv
Subcommands:
  cases import           create or update cases and their attributes from a TSV file
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

# the shipped corpus: 55 cases with the attributes the reports give
$ codeer init corpus >/dev/null && cd corpus && codeer add "$CORPORA"/*.txt > /dev/null && codeer cases import "$CORPORA/cases.tsv"
55 cases
? 0

$ cd corpus && codeer cases --format tsv | head -1 && codeer cases | grep -c 'Gemeente A'
case	docs	gemeente	rol	team	ronde	bron
2
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

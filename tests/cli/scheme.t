# Code schemes: add (validated against the built-in XML Schema), list,
# show, codes, and the lint of scheme check.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" | cut -f1
mini
? 0

$ cd p && codeer scheme list --format table
scheme  codes  coded-by-rules  rules  title
mini        4               3      3  Testschema
? 0

$ cd p && codeer codes --tree
mini/VB	Verbinden	1	
  mini/VB.NET	Netwerk in de buurt	1	mini/VB
mini/EK	Eigen kracht	1	
mini/HAND	Handmatig	0	
? 0

$ cd p && codeer scheme show mini | head -9
mini: Testschema

mini/VB  Verbinden
    definition: Verbinden, behalve technische verbindingen.
    rule r1 (match): \bverbind\w*
      unless: \binternetverbinding\w*

  mini/VB.NET  Netwerk in de buurt
      definition: Netwerk, alleen vlak bij buurt of wijk.
? 0

# the same id again only with --replace
$ cd p && codeer scheme add "$DATA/schemes/mini.xml" 2>&1 | sed "s|$DATA|DATA|"
codeer: DATA/schemes/mini.xml: the project already has a scheme 'mini' (use --replace to update it)
? 2

$ cd p && codeer scheme add --replace "$DATA/schemes/mini.xml" | cut -f1
mini
? 0

# a scheme that fails the XML Schema: the line and what is wrong; nothing added
$ cd p && cp "$DATA/schemes/invalid-xsd.xml" . && codeer scheme add invalid-xsd.xml; s=$?; ls schemes; exit $s
mini.xml
! codeer: invalid-xsd.xml:6: Element 'rule', attribute 'scope': [facet 'enumeration'] The value 'paragraaf' is not an element of the set {'match', 'sentence', 'turn', 'paragraph'}.
? 2

# an invalid regular expression: the pattern and the offset
$ cd p && cp "$DATA/schemes/bad-regex.xml" . && codeer scheme add bad-regex.xml
! codeer: bad-regex.xml:6: rule badregex/A#r1: pattern '\bverbind(en|ing': missing closing parenthesis at offset 16
? 2

$ cd p && codeer scheme check bad-regex.xml invalid-xsd.xml
bad-regex.xml:6: rule badregex/A#r1: pattern '\bverbind(en|ing': missing closing parenthesis at offset 16
invalid-xsd.xml:6: Element 'rule', attribute 'scope': [facet 'enumeration'] The value 'paragraaf' is not an element of the set {'match', 'sentence', 'turn', 'paragraph'}.
? 1

$ cd p && printf '<scheme xmlns="urn:codeer:scheme:1" id="x" version="1"><title>X</title>\n<code id="A" label="A"><definition>a</definition></code>\n<code id="A" label="B"><definition>b</definition></code></scheme>\n' > dup.xml && codeer scheme check dup.xml
dup.xml:3: the id 'A' is used twice: ids of codes must be unique in the scheme (of rules, in their code)
? 1

$ cd p && printf '<?xml version="1.0"?>\n<!DOCTYPE scheme [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<scheme/>\n' > xxe.xml && codeer scheme add xxe.xml
! codeer: xxe.xml:2: XML with a document type declaration (<!DOCTYPE>) is refused: entities are not allowed
? 2

# the lint on the project: a rule that matches in too many turns
$ cd p && codeer scheme check
./schemes/mini.xml:7: rule mini/VB#r1 matches in 40% of the turns (2 of 5; more than 30%)
! codeer: 1 problem found
? 1

$ cd p && codeer scheme check --max-share 0.5
? 0

# files are checked as files, and not installed
$ cd p && codeer scheme check "$DATA/schemes/mini.xml" | sed "s|$DATA|DATA|"
DATA/schemes/mini.xml: valid (scheme 'mini', 4 codes)
? 0

$ cd p && codeer scheme check nope
! codeer: no scheme 'nope' in the project (see 'codeer scheme list')
? 2

$ cd p && codeer scheme check --max-share 1.5
! codeer scheme check: --max-share must be a number between 0 and 1
! usage: codeer scheme check [--max-share P] [--against CODER] [ID|FILE.xml]...
? 2

$ cd p && codeer scheme
! codeer scheme: which one?
! usage: codeer scheme add [--replace] [--force] FILE.xml...
!        codeer scheme list [--format F] [-o FILE]
!        codeer scheme show [--format table|json|tsv|csv|md] ID
!        codeer scheme check [--max-share P] [--against CODER] [ID|FILE.xml]...
!        codeer scheme new [-o FILE] [--title TEXT] ID
!        codeer scheme diff [--format table|tsv|csv|json|md] OLD.xml NEW.xml
? 2

# a pattern at risk of catastrophic backtracking hits PCRE2's match limit
$ cd p && codeer scheme add "$DATA/schemes/backtrack.xml" >/dev/null && codeer scheme check backtrack
./schemes/backtrack.xml:6: rule backtrack/SLOW#r1 hit the PCRE2 match limit in 1 turn (catastrophic backtracking?)
./schemes/backtrack.xml:6: rule backtrack/SLOW#r1 matches nothing in the project's 1 documents
./schemes/backtrack.xml:12: rule backtrack/OK#r1 matches in 40% of the turns (2 of 5; more than 30%)
! codeer: 3 problems found
? 1

$ cd p && codeer codes --scheme nope
! codeer: no scheme 'nope' in the project (see 'codeer scheme list')
? 2

# --format is honoured or refused, never ignored: show gives one JSON
# document, or one table with a row per rule (and per code without rules)
$ cd p && codeer scheme show mini --format json | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["scheme"], len(d["codes"]), d["codes"][1]["parent"], d["codes"][1]["rules"][0]["near_words"], d["codes"][0]["rules"][0]["unless"], d["codes"][3]["rules"], d["description"])'
mini 4 mini/VB 3 ['\\binternetverbinding\\w*'] [] None
? 0

$ cd p && codeer scheme show mini --format csv | tr -d '\r'
code,label,parent,depth,definition,include,exclude,example,rule,scope,caseless,pattern,unless,near,near-words,speaker,not-speaker
mini/VB,Verbinden,,0,"Verbinden, behalve technische verbindingen.",,,,r1,match,yes,\bverbind\w*,\binternetverbinding\w*,,,,
mini/VB.NET,Netwerk in de buurt,mini/VB,1,"Netwerk, alleen vlak bij buurt of wijk.",,,,r1,sentence,yes,\bnetwerk\w*,,\b(?:buurt|wijk)\w*,3,,
mini/EK,Eigen kracht,,0,"Eigen kracht, alleen in wat de respondent zegt.",,,,r1,turn,yes,\beigen\s+kracht\b,,,,,^I$
mini/HAND,Handmatig,,0,Alleen handmatig te coderen: geen patroon vindt dit begrip betrouwbaar.,,,,,,,,,,,,
? 0

$ cd p && codeer scheme show mini --format tsv | cut -f1,3,9,12
code	parent	rule	pattern
mini/VB		r1	\bverbind\w*
mini/VB.NET	mini/VB	r1	\bnetwerk\w*
mini/EK		r1	\beigen\s+kracht\b
mini/HAND			
? 0

$ cd p && codeer scheme show --format html mini
! codeer scheme show: --format takes table, json, tsv, csv, md; not 'html'
! usage: codeer scheme show [--format table|json|tsv|csv|md] ID
? 2

$ cd p && codeer scheme check --format json mini
! codeer scheme check: unknown option '--format'
! usage: codeer scheme check [--max-share P] [--against CODER] [ID|FILE.xml]...
? 2

$ cd p && codeer codes --format xlsx
! codeer codes: --format takes table, plain, tsv, csv, json, md, html; not 'xlsx'
! usage: codeer codes [--tree] [--scheme ID] [--format F] [-o FILE]
!        codeer codes rename [-n] CODE NEW-ID
!        codeer codes merge [--into CODE] [-n] CODE...
!        codeer codes move [--under PARENT] [--top] [-n] CODE
!        codeer codes rm [--into OTHER] [--purge] [-n] CODE
!        codeer codes log [--format table|tsv|csv|json|md] [-o FILE]
? 2

$ cd p && codeer codes --scheme mini --format json
[
 {"code": "mini/VB", "label": "Verbinden", "rules": 1, "parent": ""},
 {"code": "mini/VB.NET", "label": "Netwerk in de buurt", "rules": 1, "parent": "mini/VB"},
 {"code": "mini/EK", "label": "Eigen kracht", "rules": 1, "parent": ""},
 {"code": "mini/HAND", "label": "Handmatig", "rules": 0, "parent": ""}
]
? 0

# piped, scheme list is a table and keeps its header; codes is a list of
# bare lines for cut and grep; both take -o FILE
$ cd p && codeer scheme list | cat && codeer codes --scheme mini | cut -f1 && codeer scheme list -o schemes.json && codeer codes --scheme mini -o codes.md && cat schemes.json codes.md
scheme	codes	coded-by-rules	rules	title
backtrack	2	2	2	Terugzoeken
mini	4	3	3	Testschema
mini/VB
mini/VB.NET
mini/EK
mini/HAND
[
 {"scheme": "backtrack", "codes": 2, "coded-by-rules": 2, "rules": 2, "title": "Terugzoeken"},
 {"scheme": "mini", "codes": 4, "coded-by-rules": 3, "rules": 3, "title": "Testschema"}
]
| code        | label               | rules | parent  |
| ----------- | ------------------- | ----: | ------- |
| mini/VB     | Verbinden           |     1 |         |
| mini/VB.NET | Netwerk in de buurt |     1 | mini/VB |
| mini/EK     | Eigen kracht        |     1 |         |
| mini/HAND   | Handmatig           |     0 |         |
? 0

# a new version of a scheme that lacks codes which codings use (a code
# renamed, one removed): refused with the codes and their coders, and
# nothing written, not even the other file of the command
$ cd p && codeer code add --coder anna mini t3 HAND >/dev/null && codeer code add --coder anna mini t4 EK >/dev/null && codeer autocode --scheme mini >/dev/null && codeer code reject --coder anna mini t4 EK >/dev/null && sed -e 's/id="EK"/id="KRACHT"/' -e '/<code id="HAND"/,/<\/code>/d' "$DATA/schemes/mini.xml" > mini-v2.xml && sed 's/id="mini"/id="nieuw"/' "$DATA/schemes/mini.xml" > nieuw.xml && cp schemes/mini.xml before.xml && codeer scheme add --replace nieuw.xml mini-v2.xml; s=$?; cmp before.xml schemes/mini.xml && ls schemes && exit $s
backtrack.xml
mini.xml
! codeer: mini-v2.xml: the new version of scheme 'mini' lacks 2 codes that codings use:
!   mini/EK: 2 codings (anna 1, auto 1)
!   mini/HAND: 1 coding (anna 1)
! nothing was replaced: those codings would drop out of every analysis (put the codes back in the new version, or use --force to replace anyway)
? 2

$ cd p && codeer scheme add --force mini-v2.xml
! codeer scheme add: --force goes with --replace
! usage: codeer scheme add [--replace] [--force] FILE.xml...
? 2

# --force replaces it, with the same list as a warning
$ cd p && codeer scheme add --replace --force mini-v2.xml && codeer codes --scheme mini | cut -f1
mini	mini-v2.xml
mini/VB
mini/VB.NET
mini/KRACHT
! codeer: warning: mini-v2.xml: the new version of scheme 'mini' lacks 2 codes that codings use:
!   mini/EK: 2 codings (anna 1, auto 1)
!   mini/HAND: 1 coding (anna 1)
! codeer: replaced anyway (--force): those codings stay in codings/, but no analysis counts them until their codes are back
? 0

# scheme check lists every coding whose code is gone, after the rules
$ cd p && codeer scheme check mini
./schemes/mini.xml:7: rule mini/VB#r1 matches in 40% of the turns (2 of 5; more than 30%)
codings/anna.tsv: mini c110-126: code 'mini/HAND' is in no scheme
codings/anna.tsv: mini c131-276: code 'mini/EK' is in no scheme
codings/auto.tsv: mini c131-276: code 'mini/EK' is in no scheme
! codeer: 4 problems found
? 1

# the codes back: nothing is lost by putting them back
$ cd p && codeer scheme add --replace "$DATA/schemes/mini.xml" | cut -f1 && codeer freq --coder anna | cut -f1,3
mini
code	segments
mini/EK	1
mini/HAND	1
? 0

# every file is checked before any is written: a bad second file keeps
# the first one out too
$ cd p && codeer scheme add nieuw.xml bad-regex.xml; s=$?; ls schemes; exit $s
backtrack.xml
mini.xml
! codeer: bad-regex.xml:6: rule badregex/A#r1: pattern '\bverbind(en|ing': missing closing parenthesis at offset 16
? 2

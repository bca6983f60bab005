# Housekeeping: coders listed, renamed, archived and restored; codes
# renamed, merged, moved and removed with every coder's codings (dry run
# first, a log after); open coding into the project's own scheme;
# documents archived, restored, renamed and purged, all or nothing, also
# when killed halfway; a scheme to start from, scheme errors in plain
# words and all at once, and the differences between two schemes.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null 2>&1 && codeer code add --coder anna mini t1 VB >/dev/null && codeer code add --coder anna mini s3 EK >/dev/null && codeer memo --doc mini "Eerste interview." >/dev/null && codeer memo --code mini/HAND "Nog geen passage gevonden." >/dev/null
? 0

$ cd p && codeer coders
coder	codings	rejected	documents	first	last
anna	2	0	1	2025-11-25T00:00:00Z	2025-11-25T00:00:00Z
auto	4	0	1	2025-11-25T00:00:00Z	2025-11-25T00:00:00Z
? 0

$ cd p && codeer coders --format json
[
 {"coder": "anna", "codings": 2, "rejected": 0, "documents": 1, "first": "2025-11-25T00:00:00Z", "last": "2025-11-25T00:00:00Z"},
 {"coder": "auto", "codings": 4, "rejected": 0, "documents": 1, "first": "2025-11-25T00:00:00Z", "last": "2025-11-25T00:00:00Z"}
]
? 0

$ cd p && codeer codes rename --dry-run EK EIGEN && codeer codes | cut -f1
rename mini/EK to mini/EIGEN: 2 codings (anna 1, auto 1) recoded
mini/VB
mini/VB.NET
mini/EK
mini/HAND
! dry run: nothing changed
? 0

$ cd p && codeer codes rename EK EIGEN && codeer codes | cut -f1 && cut -f4 codings/anna.tsv
rename mini/EK to mini/EIGEN: 2 codings (anna 1, auto 1) recoded
mini/VB
mini/VB.NET
mini/EIGEN
mini/HAND
code
mini/VB
mini/EIGEN
? 0

$ cd p && codeer codes rename EIGEN VB
! codeer: scheme 'mini' already has a code 'VB' (to join them, merge them)
? 2

$ cd p && codeer codes rm VB.NET
! codeer: code mini/VB.NET is used by 1 coding (auto 1): nothing was removed; --into OTHER recodes them, --purge archives them
? 2

$ cd p && codeer codes rm HAND && ls archive/*/ && cat archive/*/memo.md
remove mini/HAND: no codings use it; archive entry archive/20251125T000000Z-code-mini-HAND, its memo archived
ARCHIVED
memo.md
Nog geen passage gevonden.
? 0

$ cd p && codeer codes merge VB.NET EIGEN --into VB && codeer codes --tree && cut -f4 codings/auto.tsv
merge mini/VB.NET, mini/EIGEN into mini/VB: 3 codings (anna 1, auto 2) recoded, 2 rules moved with them
mini/VB	Verbinden	3	
code
mini/VB
mini/VB
mini/VB
mini/VB
? 0

$ cd p && grep -c "<rule" schemes/mini.xml && codeer scheme check mini >/dev/null; echo $?
3
1
! codeer: 1 problem found
? 0

$ cd p && codeer codes move VB --under VB
! codeer: ./schemes/mini.xml: code 'VB' cannot go under 'VB', which lies within it
? 2

$ cd p && codeer codes move VB
! codeer codes move: give --under PARENT or --top
! usage: codeer codes move [--under PARENT] [--top] [-n] CODE
? 2

$ cd p && codeer codes log
time	change	codings	coders
2025-11-25T00:00:00Z	rename mini/EK mini/EIGEN	2	anna 1, auto 1
2025-11-25T00:00:00Z	remove mini/HAND	0	
2025-11-25T00:00:00Z	merge mini/VB.NET mini/EIGEN into mini/VB	3	anna 1, auto 2
? 0

$ cd p && codeer codes log --format json
[
 {"time": "2025-11-25T00:00:00Z", "change": "rename mini/EK mini/EIGEN", "codings": 2, "coders": "anna 1, auto 1"},
 {"time": "2025-11-25T00:00:00Z", "change": "remove mini/HAND", "codings": 0, "coders": ""},
 {"time": "2025-11-25T00:00:00Z", "change": "merge mini/VB.NET mini/EIGEN into mini/VB", "codings": 3, "coders": "anna 1, auto 2"}
]
? 0

$ cd p && codeer code add --coder anna --new --label "Wantrouwen" mini t2 WANTROUWEN && codeer code add --coder anna --new --under WANTROUWEN mini t3 WT.GEMEENTE && codeer codes --tree --scheme project && codeer scheme check project >/dev/null; echo $?
anna	mini	c30-105	project/WANTROUWEN
anna	mini	c110-126	project/WT.GEMEENTE
project/WANTROUWEN	Wantrouwen	0	
  project/WT.GEMEENTE	WT.GEMEENTE	0	project/WANTROUWEN
0
! add project/WANTROUWEN (a new scheme, schemes/project.xml)
! add project/WT.GEMEENTE under project/WANTROUWEN
? 0

$ cd p && codeer code add --coder anna --new mini t99 LOS; s=$?; codeer codes --scheme project | cut -f1; exit $s
project/WANTROUWEN
project/WT.GEMEENTE
! codeer: mini: t99: turn 99 out of range (the document has 5 turns)
? 2

$ cd p && codeer code add --coder anna --label X mini t2 VB
! codeer code add: --label and --under go with --new
! usage: codeer code add [--coder NAME] [--memo TEXT] [--new] [--label TEXT]
!                        [--under PARENT] DOC REF CODE
? 2

$ cd p && codeer rm mini && codeer docs | wc -l && cut -f1 codings/anna.tsv && ls memos/doc && codeer restore
archived mini in archive/20251125T000000Z-mini: its text, 8 codings (anna 4, auto 4), its memo, case mini
0
doc
entry	kind	id	archived	holds
20251125T000000Z-code-mini-HAND	codings	mini/HAND	2025-11-25T00:00:00Z	0 codings
20251125T000000Z-mini	document	mini	2025-11-25T00:00:00Z	8 codings (anna 4, auto 4), its memo, case mini
? 0

$ cd p && codeer restore mini && codeer docs | cut -f1 && codeer cases && wc -l < codings/anna.tsv && ls memos/doc archive
restored mini from archive/20251125T000000Z-mini: its text, 8 codings back, its memo, case mini
mini
mini	mini
5
archive:
20251125T000000Z-code-mini-HAND

memos/doc:
mini.md
? 0

$ cd p && codeer mv mini buurt-1 && codeer docs | cut -f1 && codeer cases && cut -f1 codings/auto.tsv | sort -u && ls memos/doc
mini is now buurt-1: its text, 8 codings (anna 4, auto 4), its memo, case mini
buurt-1
mini	buurt-1
buurt-1
doc
buurt-1.md
? 0

$ cd p && codeer mv buurt-1 "Buurt 1"
! codeer: 'Buurt 1' cannot be a document id (a lower-case letter or digit, then lower-case letters, digits, . _ -)
? 2

$ cd p && codeer mv nodoc x
! codeer: no document 'nodoc' in the project
? 2

$ cd p && codeer rm buurt-1 nodoc; codeer docs | cut -f1
buurt-1
! codeer: no document 'nodoc' in the project
! codeer: nothing was removed
? 0

$ cd p && codeer restore nothing
! codeer: nothing named 'nothing' in the project's archive
? 2

$ cd p && codeer coders rename auto machine
! codeer: coder 'auto' is the one autocode writes: after a rename the next autocode starts a new 'auto' with every proposal again; --force renames it all the same
? 2

$ cd p && codeer coders rename anna anne && codeer coders rm anne && codeer coders | cut -f1 && codeer coders restore anne && codeer coders | cut -f1
coder anna is now anne
archived coder anne in archive/20251125T000000Z-anne: 4 codings, 0 rejected, in 1 document
coder
auto
restored coder anne from archive/20251125T000000Z-anne: 4 codings, 0 rejected, in 1 document
coder
anne
auto
? 0

$ for n in $(seq 1 14); do rm -rf q && cp -r p q && (cd q && CODEER_FAULT=rename:$n codeer rm buurt-1 >/dev/null 2>&1; d=$(codeer docs | wc -l); e=$(codeer restore --format tsv | grep -c document); codeer fsck >/dev/null || echo "rename $n: fsck finds problems"; [ $((d + e)) = 1 ] || echo "rename $n: $d documents, $e archived"; ls -a | grep codeer-; [ $d = 1 ] && echo old || echo new); done | sort | uniq -c | sed 's/^ *//'
13 new
1 old
? 0

$ cd p && codeer rm --purge buurt-1 && ls archive sources memos/doc && codeer restore | wc -l
deleted buurt-1: its text, 8 codings (anne 4, auto 4), its memo, case mini
archive:
20251125T000000Z-code-mini-HAND

memos/doc:

sources:
2
? 0

$ cd p && codeer scheme new wijk -o ../wijk.xml && codeer scheme check ../wijk.xml && codeer scheme new wijk -o ../wijk.xml
../wijk.xml: valid (scheme 'wijk', 1 codes)
! wrote ../wijk.xml (scheme 'wijk'); add it with 'codeer scheme add ../wijk.xml'
! codeer: ../wijk.xml is already there: nothing was written
? 2

$ sed -e 's/ xmlns="urn:codeer:scheme:1"//' "$DATA/schemes/mini.xml" > nons.xml && cd p && codeer scheme check ../nons.xml
../nons.xml:3: the root element <scheme> is not in the scheme namespace: add xmlns="urn:codeer:scheme:1" to it
? 1

$ printf '<scheme xmlns="urn:codeer:scheme:1" id="x" version="1"><title>Wonen & zorg</title><code id="A" label="a"><definition>d</definition></code></scheme>\n' > amp.xml && cd p && codeer scheme check ../amp.xml
../amp.xml:1: malformed XML: xmlParseEntityRef: no name (a bare '&': write & as &amp;)
? 1

# bytes that the declared encoding does not have: one message naming the
# file, and nothing of libxml2's own on stderr
$ printf '<?xml version="1.0" encoding="EUC-JP"?>\n<scheme xmlns="urn:codeer:scheme:1" id="x" version="1"><title>\216\377\377</title></scheme>\n' > euc.xml && cd p && codeer scheme add ../euc.xml
! codeer: ../euc.xml: malformed XML: bytes not valid in the encoding it declares (input conversion failed due to input error, bytes 0x8E 0xFF 0xFF 0x3C)
? 2

$ printf '<scheme xmlns="urn:codeer:scheme:1" id="x" version="1">\n<title>X</title>\n<code id="A" label="a">\n<rule id="r"><pattern>x</pattern></rule>\n</code>\n<code id="B"><definition>d</definition></code>\n<code id="C D" label="c"><definition>d</definition></code>\n</scheme>\n' > many.xml && cd p && codeer scheme check ../many.xml
../many.xml:4: code 'A' has no definition: a code needs a <definition> as its first element (found <rule>)
../many.xml:6: code 'B' has no label: add label="..."
../many.xml:7: code id 'C D': an id starts with a letter or digit and holds only letters, digits, '.', '_' and '-'
? 1

$ cd p && codeer scheme diff "$DATA/schemes/mini.xml" schemes/mini.xml
change	code	detail
removed	VB.NET	label 'Netwerk in de buurt'
removed	EK	label 'Eigen kracht'
removed	HAND	label 'Handmatig'
rules	VB	1 rule -> 3
? 1

$ cd p && codeer scheme diff schemes/mini.xml schemes/mini.xml
change	code	detail
? 0

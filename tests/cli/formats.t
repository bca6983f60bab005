# Every reader on the shipped files of corpora/formats/: each gives the
# same turns (speaker, words, text) as the UTF-8 .txt it was made from.

$ codeer init p >/dev/null && cp "$CORPORA"/formats/* p/ && cd "$CORPORA" && cp s002-mee-interview.txt s003-participant-12.txt s003-participant-5.txt s000-professional-6.txt s004-interviews-eigen-kracht.txt s002-buurtzorg-casussen.txt s002-frion-casussen.txt "$OLDPWD/p/"
? 0

# The same text from another format is the same document: refused like a
# copy of the file, unless --force.
$ cd p && codeer add s000-professional-6-utf16.txt s000-professional-6.txt
! codeer: s000-professional-6.txt: already in the project as 's000-professional-6-utf16' (same content: the same text, read from another file); --force adds a copy
! codeer: nothing was added
? 2

$ cd p && codeer add --force *.docx *.odt *.md *.vtt *.srt *.txt
s002-mee-interview-word	s002-mee-interview-word.docx	docx	UTF-8	6 turns	19 sentences	223 words
s003-participant-12-writer	s003-participant-12-writer.odt	odt	UTF-8	4 turns	10 sentences	276 words
s003-participant-5-markdown	s003-participant-5-markdown.md	md	UTF-8	5 turns	13 sentences	243 words
s002-buurtzorg-casussen-ondertitels	s002-buurtzorg-casussen-ondertitels.vtt	vtt	UTF-8	13 turns	41 sentences	565 words
s002-frion-casussen-ondertitels	s002-frion-casussen-ondertitels.srt	srt	UTF-8	11 turns	170 sentences	1919 words
s000-professional-6-utf16	s000-professional-6-utf16.txt	txt	UTF-16LE	4 turns	12 sentences	189 words
s000-professional-6	s000-professional-6.txt	txt	UTF-8	4 turns	12 sentences	189 words
s002-buurtzorg-casussen	s002-buurtzorg-casussen.txt	txt	UTF-8	14 turns	41 sentences	565 words
s002-frion-casussen	s002-frion-casussen.txt	txt	UTF-8	16 turns	170 sentences	1919 words
s002-mee-interview	s002-mee-interview.txt	txt	UTF-8	6 turns	19 sentences	223 words
s003-participant-12	s003-participant-12.txt	txt	UTF-8	4 turns	10 sentences	276 words
s003-participant-5	s003-participant-5.txt	txt	UTF-8	5 turns	12 sentences	243 words
s004-interviews-eigen-kracht-cp1252	s004-interviews-eigen-kracht-cp1252.txt	txt	windows-1252	14 turns	61 sentences	1328 words
s004-interviews-eigen-kracht	s004-interviews-eigen-kracht.txt	txt	UTF-8	14 turns	61 sentences	1328 words
? 0

# same turns, turn by turn: speaker, words and the full text
$ cd p && same() { n=$(codeer show "$2" --turns | wc -l); for i in $(seq 1 "$n"); do codeer show "$1" t$i | tail -n +2 > a; codeer show "$2" t$i | tail -n +2 > b; cmp -s a b || echo "$1 t$i differs"; done; codeer show "$1" --turns | cut -f2,6 > a; codeer show "$2" --turns | cut -f2,6 > b; cmp -s a b || echo "$1 speakers differ"; echo "$1: $n turns"; }; same s002-mee-interview-word s002-mee-interview; same s003-participant-12-writer s003-participant-12; same s003-participant-5-markdown s003-participant-5; same s000-professional-6-utf16 s000-professional-6; same s004-interviews-eigen-kracht-cp1252 s004-interviews-eigen-kracht
s002-mee-interview-word: 6 turns
s003-participant-12-writer: 4 turns
s003-participant-5-markdown: 5 turns
s000-professional-6-utf16: 4 turns
s004-interviews-eigen-kracht-cp1252: 14 turns
? 0

# re-encoded files decode to exactly the UTF-8 text
$ cd p && codeer show s004-interviews-eigen-kracht-cp1252 | cmp - s004-interviews-eigen-kracht.txt && codeer show s000-professional-6-utf16 | cmp - s000-professional-6.txt && echo identical
identical
? 0

# subtitles: cue start times are kept per turn; consecutive cues of one
# speaker form one turn
$ cd p && codeer show s002-buurtzorg-casussen-ondertitels --turns | head -4 | cut -f1-6
t1	Buurtzorg	00:00:01.000	11	813	150
t2	Onderzoeker	00:00:54.000	828	831	1
t3	Buurtzorg	00:00:56.500	844	959	21
t4	Onderzoeker	00:01:04.350	974	1104	24
? 0

$ cd p && codeer show s002-frion-casussen-ondertitels t2
# s002-frion-casussen-ondertitels t2 c1867-1964 Onderzoeker [00:02:00,800]
Zou je hier iets in kunnen betekenen? Of helemaal niet? Of zeg je, ik zie toch wel mogelijkheden?
? 0

# a named encoding overrides detection
$ cd p && codeer add --encoding ISO-8859-1 --force s004-interviews-eigen-kracht-cp1252.txt | cut -f1,4
s004-interviews-eigen-kracht-cp1252-2	ISO-8859-1
? 0

$ cd p && codeer add --encoding klingon s000-professional-6.txt
! codeer: s000-professional-6.txt: unknown encoding 'klingon'
! codeer: nothing was added
? 2

# kwic and quotes: what a program gets, also when nothing is found (exit 1)
$ codeer init q >/dev/null && cp "$DATA/mini.txt" q/ && cd q && printf 'Interview 7, 3 maart.\n\nI: Hoe verbindt u mensen?\n\nR: Via de buurt.\n' > pre.txt && codeer add mini.txt pre.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add --coder anna --memo "wie verbindt?" mini t1 VB && codeer code add --coder anna pre c0-12 VB
anna	mini	c3-25	mini/VB
anna	pre	c0-12	mini/VB
? 0

$ cd q && codeer kwic --format json nergens
[]
? 1

$ set -o pipefail; cd q && codeer kwic --format csv nergens | tr -d '\r'
doc,turn,span,left,match,right
? 1

$ cd q && codeer kwic --format tsv nergens
doc	turn	span	left	match	right
? 1

# piped without --format, kwic prints lines for grep: none, and exit 1
$ cd q && codeer kwic nergens
? 1

$ cd q && codeer kwic ''
! codeer kwic: the pattern is empty
! usage: codeer kwic [--width N] [--case-sensitive] [-F] [--doc ID]...
!                    [--case ID]... [--attr KEY=VALUE]... [--speaker NAME]...
!                    [--code CODE] [--coder NAME]
!                    [--scope match|sentence|paragraph|turn] [-n] [--format F]
!                    [-o FILE] PATTERN
? 2

$ cd q && codeer kwic --width 20000 verbind
! codeer kwic: --width must be a number from 0 to 10000
! usage: codeer kwic [--width N] [--case-sensitive] [-F] [--doc ID]...
!                    [--case ID]... [--attr KEY=VALUE]... [--speaker NAME]...
!                    [--code CODE] [--coder NAME]
!                    [--scope match|sentence|paragraph|turn] [-n] [--format F]
!                    [-o FILE] PATTERN
? 2

$ cd q && codeer kwic --width wide verbind
! codeer kwic: --width takes a whole number, not 'wide'
! usage: codeer kwic [--width N] [--case-sensitive] [-F] [--doc ID]...
!                    [--case ID]... [--attr KEY=VALUE]... [--speaker NAME]...
!                    [--code CODE] [--coder NAME]
!                    [--scope match|sentence|paragraph|turn] [-n] [--format F]
!                    [-o FILE] PATTERN
? 2

$ cd q && codeer kwic verbind mensen
! codeer kwic: unexpected argument 'mensen'
! usage: codeer kwic [--width N] [--case-sensitive] [-F] [--doc ID]...
!                    [--case ID]... [--attr KEY=VALUE]... [--speaker NAME]...
!                    [--code CODE] [--coder NAME]
!                    [--scope match|sentence|paragraph|turn] [-n] [--format F]
!                    [-o FILE] PATTERN
? 2

# options after the pattern, and a pattern that starts with a dash after --
$ cd q && codeer kwic --format tsv verbindt --width=2 --case-s && codeer kwic --format plain -- '-12'
doc	turn	span	left	match	right
mini	t1	c7-15	e 	verbindt	 u
pre	t1	c30-38	e 	verbindt	 u
? 1

$ cd q && codeer kwic --help | tail -1
Exit status: 0 at least one match; 1 no match (nothing on standard error); 2 an error, usage errors included.
? 0

# a hit in the preamble lies in no turn: turn is null
$ cd q && codeer kwic --width 5 --format json interview | python3 -c 'import json,sys; print(json.load(sys.stdin))'
[{'doc': 'pre', 'turn': None, 'span': 'c0-9', 'left': '', 'match': 'Interview', 'right': ' 7, 3'}]
? 0

$ cd q && codeer kwic --width 4 --format json 'interview|verbindt u'
[
 {"doc": "mini", "turn": "t1", "span": "c7-17", "left": "Hoe ", "match": "verbindt u", "right": " men"},
 {"doc": "pre", "turn": null, "span": "c0-9", "left": "", "match": "Interview", "right": " 7, "},
 {"doc": "pre", "turn": "t1", "span": "c30-40", "left": "Hoe ", "match": "verbindt u", "right": " men"}
]
? 0

$ cd q && codeer kwic --width 3 -o k.csv 'verbind\w*' && tr -d '\r' < k.csv
doc,turn,span,left,match,right
mini,t1,c7-15,oe ,verbindt, u 
mini,t2,c33-40,Ik ,verbind, be
mini,t2,c73-83,net,verbinding, in
pre,t1,c30-38,oe ,verbindt, u 
? 0

# -o with no hit still writes the (empty) table: the file says "none"
$ cd q && codeer kwic -o none.json nergens; echo "exit $?"; cat none.json
exit 1
[]
? 0

$ cd q && codeer quotes --coder anna VB.NET
! codeer: no segments coded mini/VB.NET by anna
? 1

$ cd q && codeer quotes --format json --case pre EK
[]
! codeer: no segments coded mini/EK in case pre
? 1

$ set -o pipefail; cd q && codeer quotes --format csv EK | tr -d '\r'
doc,case,turn,speaker,time,start,end,code,coder,text,memo
! codeer: no segments coded mini/EK
? 1

# json: offsets are numbers; no turn, no speaker, no memo are null
$ cd q && codeer quotes --format json VB | python3 -c 'import json,sys; [print(q) for q in json.load(sys.stdin)]'
{'doc': 'mini', 'case': 'mini', 'turn': 't1', 'speaker': 'I', 'time': None, 'start': 3, 'end': 25, 'code': 'mini/VB', 'coder': 'anna', 'text': 'Hoe verbindt u mensen?', 'memo': 'wie verbindt?'}
{'doc': 'pre', 'case': 'pre', 'turn': None, 'speaker': None, 'time': None, 'start': 0, 'end': 12, 'code': 'mini/VB', 'coder': 'anna', 'text': 'Interview 7,', 'memo': None}
? 0

$ cd q && codeer quotes --format json VB
[
 {"doc": "mini", "case": "mini", "turn": "t1", "speaker": "I", "time": null, "start": 3, "end": 25, "code": "mini/VB", "coder": "anna", "text": "Hoe verbindt u mensen?", "memo": "wie verbindt?"},
 {"doc": "pre", "case": "pre", "turn": null, "speaker": null, "time": null, "start": 0, "end": 12, "code": "mini/VB", "coder": "anna", "text": "Interview 7,", "memo": null}
]
? 0

$ cd q && codeer quotes
! codeer quotes: missing arguments: CODE
! usage: codeer quotes [--doc ID]... [--case ID]... [--attr KEY=VALUE]...
!                      [--speaker NAME]... [--coder NAME] [--no-children]
!                      [--and CODE2] [--near CODE2] [--within N] [--format F]
!                      [-o FILE] CODE
? 2

$ cd q && codeer quotes --format xml VB
! codeer quotes: --format takes text, table, plain, tsv, csv, json, md, html; not 'xml'
! usage: codeer quotes [--doc ID]... [--case ID]... [--attr KEY=VALUE]...
!                      [--speaker NAME]... [--coder NAME] [--no-children]
!                      [--and CODE2] [--near CODE2] [--within N] [--format F]
!                      [-o FILE] CODE
? 2

$ cd q && codeer quotes --help | tail -1
Exit status: 0 at least one segment; 1 no segments (after the filters; standard error says so); 2 an error, usage errors included.
? 0

# -o FILE takes the table format of its extension; the text form stays
# the default on a terminal and piped
$ cd q && codeer quotes -o q.tsv VB && cat q.tsv
doc	case	turn	speaker	time	start	end	code	coder	text	memo
mini	mini	t1	I		3	25	mini/VB	anna	Hoe verbindt u mensen?	wie verbindt?
pre	pre				0	12	mini/VB	anna	Interview 7,	
? 0

$ cd q && codeer quotes --format text -o q.txt VB && tail -1 q.txt
2 segments coded mini/VB
? 0

$ cd q && codeer quotes -o q.xlsx VB; ls q.xlsx
! codeer: q.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
! ls: cannot access 'q.xlsx': No such file or directory
? 2

# docs: a list (bare lines when piped), json with numbers, -o
$ cd q && codeer docs | cut -f1,5
mini	5
pre	2
? 0

$ cd q && codeer docs --format json | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d[1]["doc"], d[1]["turns"] + d[1]["words"], d[1]["case"])'
pre 9 pre
? 0

$ cd q && codeer docs -o docs.csv && tr -d '\r' < docs.csv
doc,case,format,encoding,turns,sentences,words,chars,original
mini,mini,txt,UTF-8,5,8,50,430,mini.txt
pre,pre,txt,UTF-8,2,3,7,67,pre.txt
? 0

$ cd q && codeer docs -o docs.ods
! codeer: docs.ods: codeer cannot write ods files (write .csv, .tsv, .json, .md, .html or .txt)
? 2

# json: numbers as numbers, text cells null when empty
$ cd q && codeer docs --format json
[
 {"doc": "mini", "case": "mini", "format": "txt", "encoding": "UTF-8", "turns": 5, "sentences": 8, "words": 50, "chars": 430, "original": "mini.txt"},
 {"doc": "pre", "case": "pre", "format": "txt", "encoding": "UTF-8", "turns": 2, "sentences": 3, "words": 7, "chars": 67, "original": "pre.txt"}
]
? 0

$ cd q && codeer docs mini
! codeer docs: unexpected argument 'mini'
! usage: codeer docs [--format F] [-o FILE]
? 2

# a file that is no text is refused with what it seems to be, not read as
# windows-1252; --encoding takes the bytes at their word
$ cd q && head -c 2000 "$CORPORA/formats/s002-mee-interview-word.docx" > word.txt && printf '%%PDF-1.4\n%%\342\343\317\323\n' > scan.txt && printf 'R: ja\001\002\003\004\n' > ctl.txt && ls sources > before && for f in word scan ctl; do codeer add $f.txt; done; ls sources | cmp - before && echo unchanged
unchanged
! codeer: word.txt: this is a zip archive (a .docx, .odt or .xlsx under another name?), not text; save the transcript as text (.txt), Word (.docx) or OpenDocument (.odt) and add that file
! codeer: nothing was added
! codeer: scan.txt: this is a PDF, not text; save the transcript as text (.txt), Word (.docx) or OpenDocument (.odt) and add that file
! codeer: nothing was added
! codeer: ctl.txt: this is a binary file, not text; save the transcript as text (.txt), Word (.docx) or OpenDocument (.odt) and add that file
! codeer: nothing was added
? 0

$ cd q && codeer add --encoding windows-1252 ctl.txt | cut -f1,4
ctl	windows-1252
? 0

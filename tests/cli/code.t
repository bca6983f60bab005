# Manual coding: add by turn, sentence, range or phrase; rm; list; export
# and import round trip; accept a proposal; errors for unknown codes,
# documents, absent and ambiguous phrases.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null
? 0

$ cd p && codeer code add --coder anna --memo "wie verbindt?" mini t1 VB && codeer code add --coder anna mini s3 mini/HAND && codeer code add --coder anna mini "bewoners met elkaar" VB.NET && codeer code add --coder anna mini c131-143 EK
anna	mini	c3-25	mini/VB
anna	mini	c62-105	mini/HAND
anna	mini	c41-60	mini/VB.NET
anna	mini	c131-143	mini/EK
? 0

$ cd p && codeer code list --coder anna
anna	mini	3	25	mini/VB	manual		wie verbindt?
anna	mini	41	60	mini/VB.NET	manual		
anna	mini	62	105	mini/HAND	manual		
anna	mini	131	143	mini/EK	manual		
? 0

$ cd p && codeer code add --coder anna mini t1 VB
! codeer: mini c3-25 is already coded mini/VB by anna
? 2

$ cd p && codeer code add --coder anna mini "de" VB
! codeer: mini: the phrase 'de' occurs 4 times: t2 c87-89, t4 c173-175, t4 c267-269, t5 c420-422; use one of these references
? 2

$ cd p && codeer code add --coder anna mini "niet gezegd" VB
! codeer: mini: 'niet gezegd' is neither a reference (t12, s40, c100-250) nor a phrase in the document
? 2

$ cd p && codeer code add --coder anna mini t1 NOPE
! codeer: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

$ cd p && codeer code add --coder anna nodoc t1 VB
! codeer: no document 'nodoc' in the project (see 'codeer docs')
? 2

$ cd p && codeer code rm --coder anna mini t2 mini/HAND && codeer code list --coder anna | cut -f5
removed 1 coding of mini/HAND in mini t2
mini/VB
mini/VB.NET
mini/EK
? 0

# export, then import into another coder (--coder overrides the file's
# coder column): the same codings
$ cd p && codeer code export --coder anna > anna.tsv && codeer code import --coder bert anna.tsv && codeer code list --coder bert | cut -f2-5
3 codings imported, 0 already there
mini	3	25	mini/VB
mini	41	60	mini/VB.NET
mini	131	143	mini/EK
? 0

$ cd p && codeer code import --coder bert anna.tsv
0 codings imported, 3 already there
? 0

# CSV with refs; a bad row anywhere: file and line, and nothing written
$ cd p && printf 'doc,ref,code,memo\nmini,t2,VB,"met ""komma"", en zo"\n' > c.csv && codeer code import --coder carla c.csv && codeer code list --coder carla | cut -f5,8
1 codings imported, 0 already there
mini/VB	met "komma", en zo
? 0

$ cd p && printf 'doc\tref\tcode\nmini\tt1\tVB\nmini\tt9\tVB\n' > bad.tsv && codeer code import --coder dirk bad.tsv; s=$?; ls codings; exit $s
anna.tsv
bert.tsv
carla.tsv
! codeer: bad.tsv:3: mini: t9: turn 9 out of range (the document has 5 turns)
? 2

$ cd p && printf 'doc\tcode\nmini\tVB\n' > nocols.tsv && codeer code import nocols.tsv
! codeer: nocols.tsv:1: the header must name the columns doc, code, and ref or start and end
? 2

# rows of several coders: their files change in one journaled step, so an
# import killed anywhere (CODEER_FAULT ends it at the N-th rename) leaves
# none of them or, once the next command has completed it, all of them
$ printf 'doc\tref\tcode\tcoder\nmini\tt1\tVB\terik\nmini\tt2\tEK\tfenna\n' > two.tsv && for n in 1 2 3; do rm -rf pk && cp -r p pk && (cd pk && CODEER_FAULT=rename:$n codeer code import ../two.tsv >/dev/null 2>&1; echo "rename:$n: exit $?, $(codeer docs >/dev/null && ls codings | tr '\n' ' ')"; codeer fsck); done; rm -rf pk
rename:1: exit 137, anna.tsv bert.tsv carla.tsv 
rename:2: exit 137, anna.tsv bert.tsv carla.tsv erik.tsv fenna.tsv 
rename:3: exit 137, anna.tsv bert.tsv carla.tsv erik.tsv fenna.tsv 
? 0

# accepting a rule's proposal makes it the coder's own
$ cd p && codeer autocode >/dev/null && codeer code accept --coder anna mini t4 EK && codeer code list --coder anna --code EK | cut -f3-6
accepted 1 coding of mini/EK in mini t4
131	143	mini/EK	manual
131	276	mini/EK	accept:rule:mini/EK#r1
? 0

$ cd p && codeer code accept --coder anna mini t1 EK
! codeer: mini t1: no coding of mini/EK by auto lies within it
? 2

# rejecting is for proposals: any coder may reject one of the rules', and
# bring it back with unreject
$ cd p && codeer code reject --coder bert mini t4 EK && codeer code list --coder auto --code EK | cut -f3-7
rejected 1 coding of mini/EK in mini t4
131	276	mini/EK	rule:mini/EK#r1	rejected
? 0

$ cd p && codeer code unreject --coder bert mini t4 EK && codeer code list --coder auto --code EK | cut -f3-7
unrejected 1 coding of mini/EK in mini t4
131	276	mini/EK	rule:mini/EK#r1	
? 0

# a rejected proposal is not accepted along with the rest: its rejection
# stands until someone takes it back
$ cd p && before=$(cat codings/*.tsv | md5sum) && codeer code reject --coder bert mini t4 EK >/dev/null && codeer code accept --coder bert mini t4 EK; echo "exit $?"; codeer code unreject --coder bert mini t4 EK >/dev/null; [ "$(cat codings/*.tsv | md5sum)" = "$before" ] && echo unchanged
exit 2
unchanged
! codeer: mini t4: auto's proposal of mini/EK there is rejected; unreject it to accept it
? 0

$ cd p && codeer code unreject --coder bert mini t4 EK
! codeer: mini t4: no rejected coding of mini/EK by auto lies within it
? 2

# a coder's own coding is not another coder's to reject: refused, unchanged
$ cd p && codeer code reject --coder bert --from anna mini t1 VB; s=$?; codeer code list --coder anna --code mini/VB | cut -f3-7; exit $s
3	25	mini/VB	manual	
! codeer: mini c3-25 mini/VB is anna's own coding (origin manual), not a proposal of the rules: only anna may reject it (or use --force)
? 2

$ cd p && codeer code reject --coder bert --from anna mini t4 EK; s=$?; codeer code list --coder anna --code EK | cut -f7 | sort -u; exit $s

! codeer: mini c131-143 mini/EK is anna's own coding (origin manual), not a proposal of the rules: only anna may reject it (or use --force)
? 2

# anna may reject her own; bert may bring it back only with --force
$ cd p && codeer code reject --coder anna --from anna mini t1 VB && codeer code unreject --coder bert --from anna mini t1 VB; s=$?; codeer code list --coder anna --code mini/VB | cut -f7; exit $s
rejected 1 coding of mini/VB in mini t1
rejected
! codeer: mini c3-25 mini/VB is anna's own coding (origin manual), not a proposal of the rules: only anna may unreject it (or use --force)
? 2

$ cd p && codeer code unreject --coder bert --from anna --force mini t1 VB && codeer code list --coder anna --code mini/VB | cut -f7
unrejected 1 coding of mini/VB in mini t1

? 0

$ cd p && codeer code reject --coder bert --from carla --force mini t2 VB && codeer code list --coder carla | cut -f7
rejected 1 coding of mini/VB in mini t2
rejected
? 0

# each subcommand takes its own options and arguments
$ cd p && codeer code add --force --coder anna mini t3 VB
! codeer code add: unknown option '--force'
! usage: codeer code add [--coder NAME] [--memo TEXT] [--new] [--label TEXT]
!                        [--under PARENT] DOC REF CODE
? 2

$ cd p && codeer code accept --force --coder anna mini t3 VB
! codeer code accept: unknown option '--force'
! usage: codeer code accept [--coder NAME] [--from CODER] DOC REF CODE
? 2

$ cd p && codeer code add --coder anna mini t3
! codeer code add: missing arguments: DOC REF CODE
! usage: codeer code add [--coder NAME] [--memo TEXT] [--new] [--label TEXT]
!                        [--under PARENT] DOC REF CODE
? 2

$ cd p && codeer code list -o x.csv extra
! codeer code list: unexpected argument 'extra'
! usage: codeer code list [--coder NAME] [--code CODE] [--doc DOC] [--format F]
!                         [-o FILE]
? 2

$ cd p && codeer code export --format html
! codeer code export: --format takes tsv, csv, json, md; not 'html'
! usage: codeer code export [--coder NAME] [--code CODE] [--doc DOC]
!                           [--format tsv|csv|json|md] [-o FILE]
? 2

$ cd p && codeer code reject --coder 'eva de vries' mini t3 VB
! codeer code reject: 'eva de vries' is not a valid coder name (letters, digits, _ - .)
! usage: codeer code reject [--coder NAME] [--from CODER] [--force] DOC REF CODE
? 2

$ cd p && codeer code remove a b c
! codeer code: unknown subcommand 'remove' (add, rm, list, import, export, accept, reject, unreject, edit)
! usage: codeer code add [--coder NAME] [--memo TEXT] [--new] [--label TEXT]
!                        [--under PARENT] DOC REF CODE
!        codeer code rm [--coder NAME] DOC REF CODE
!        codeer code list [--coder NAME] [--code CODE] [--doc DOC] [--format F]
!                         [-o FILE]
!        codeer code import [--coder NAME] FILE.tsv|FILE.csv
!        codeer code export [--coder NAME] [--code CODE] [--doc DOC]
!                           [--format tsv|csv|json|md] [-o FILE]
!        codeer code accept [--coder NAME] [--from CODER] DOC REF CODE
!        codeer code reject [--coder NAME] [--from CODER] [--force] DOC REF CODE
!        codeer code unreject [--coder NAME] [--from CODER] [--force]
!                             DOC REF CODE
!        codeer code edit [--coder NAME] DOC
? 2

# options written before the subcommand belong to it, values and all;
# one it does not know is refused, naming it
$ cd p && codeer code --coder anna -o before.tsv list && codeer code list --coder=anna -o after.tsv && cmp before.tsv after.tsv && codeer code --coder anna --code EK list
anna	mini	131	143	mini/EK	manual		
anna	mini	131	276	mini/EK	accept:rule:mini/EK#r1		
? 0

$ cd p && codeer code --frobnicate list 2>err; s=$?; sed -n 1p err; exit $s
codeer code: '--frobnicate' is not an option of a subcommand after it
? 2

# rm removes only what lies within REF, and says so when nothing does
$ cd p && codeer code rm --coder anna mini t3 EK; s=$?; codeer code list --coder anna --code EK | cut -f3-5; exit $s
131	143	mini/EK
131	276	mini/EK
! codeer: mini t3: no coding of mini/EK by anna lies within it
? 2

$ cd p && codeer quotes --coder anna EK
mini t4 R c131-143 mini/EK [anna]
  Eigen kracht

mini t4 R c131-276 mini/EK [anna]
  Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goed vind ik. Een netwerk is er altijd wel, maar niet dichtbij zoals de buurt.

2 segments coded mini/EK
? 0

# anna's two EK codings overlap (c131-143 lies in c131-276): the words
# count once, 27, not 2 + 27
$ cd p && codeer freq --coder anna
code	label	segments	docs	cases	words
mini/VB	Verbinden	1	1	1	4
mini/VB.NET	Netwerk in de buurt	1	1	1	3
mini/EK	Eigen kracht	2	1	1	27
? 0

$ cd p && codeer kwic --width 10 'verbind\w*'
mini	t1	c7-15	I: Hoe 	verbindt	 u mensen?
mini	t2	c33-40	R: Ik 	verbind	 bewoners 
mini	t2	c73-83	e internet	verbinding	 in de wij
? 0

$ cd p && codeer kwic 'nergens'
? 1

$ cd p && codeer quotes --coder nobody VB
! codeer: no coder 'nobody' in the project (no codings/nobody.tsv)
? 2

# a codings file saved with a byte-order mark (as Excel does): the header
# is still the header, no warning, and the mark is gone after a save
$ cd p && printf '\357\273\277doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\nmini\t3\t25\tmini/VB\tmanual\t2025-01-01T00:00:00Z\t\t\n' > codings/bom.tsv && codeer code list --coder bom && codeer code add --coder bom mini t2 EK && head -c 3 codings/bom.tsv | od -An -c
bom	mini	3	25	mini/VB	manual		
bom	mini	c30-105	mini/EK
   d   o   c
? 0

# import skips a byte-order mark too, in TSV and in CSV
$ cd p && printf '\357\273\277doc\tref\tcode\nmini\tt2\tVB\n' > bom-in.tsv && printf '\357\273\277doc,ref,code\r\nmini,t4,EK\r\n' > bom-in.csv && codeer code import --coder bomimp bom-in.tsv && codeer code import --coder bomimp bom-in.csv && codeer code list --coder bomimp | cut -f2-5
1 codings imported, 0 already there
1 codings imported, 0 already there
mini	30	105	mini/VB
mini	131	276	mini/EK
? 0

# export then import loses nothing: a memo with a line break, a tab and
# backslashes, a rejected coding, the rules' origins and the created
# times. Into a fresh project, at another time, and exported again: the
# same bytes, in TSV and in CSV
$ cd p && codeer autocode --coder rt >/dev/null && codeer code add --coder rt --memo "$(printf 'regel een\n\tregel twee: C:\\map\\tekst')" mini t3 HAND >/dev/null && codeer code reject --coder rt --from rt mini t4 EK >/dev/null && codeer code export --coder rt > rt.tsv && codeer code export --coder rt --format csv > rt.csv && cat rt.tsv
coder	doc	start	end	code	origin	created	memo	status
rt	mini	7	15	mini/VB	rule:mini/VB#r1	2025-11-25T00:00:00Z		
rt	mini	33	40	mini/VB	rule:mini/VB#r1	2025-11-25T00:00:00Z		
rt	mini	110	126	mini/HAND	manual	2025-11-25T00:00:00Z	regel een\n\tregel twee: C:\\map\\tekst	
rt	mini	131	276	mini/EK	rule:mini/EK#r1	2025-11-25T00:00:00Z		rejected
rt	mini	158	211	mini/VB.NET	rule:mini/VB.NET#r1	2025-11-25T00:00:00Z		
? 0

$ codeer init q >/dev/null && cp "$DATA/mini.txt" q/ && cd q && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && SOURCE_DATE_EPOCH=0 codeer code import ../p/rt.tsv && codeer code export --coder rt | cmp - ../p/rt.tsv && codeer code list --coder rt --code HAND --format json
5 codings imported, 0 already there
[
 {"coder": "rt", "doc": "mini", "start": 110, "end": 126, "code": "mini/HAND", "origin": "manual", "status": "", "memo": "regel een\n\tregel twee: C:\\map\\tekst"}
]
? 0

$ cd q && SOURCE_DATE_EPOCH=0 codeer code import ../p/rt.csv && codeer code export --coder rt --format csv | cmp - ../p/rt.csv
0 codings imported, 5 already there
? 0

$ codeer init r >/dev/null && cp "$DATA/mini.txt" r/ && cd r && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && SOURCE_DATE_EPOCH=0 codeer code import ../p/rt.csv && codeer code export --coder rt --format csv | cmp - ../p/rt.csv
5 codings imported, 0 already there
? 0

# a status or origin codeer does not write is refused, with the line
$ cd q && printf 'doc\tstart\tend\tcode\torigin\tstatus\nmini\t3\t25\tVB\tmanual\tweg\n' > status.tsv && codeer code import status.tsv
! codeer: status.tsv:2: status 'weg' is neither empty nor rejected
? 2

$ cd q && printf 'doc\tstart\tend\tcode\torigin\nmini\t3\t25\tVB\tbedacht\n' > origin.tsv && codeer code import origin.tsv
! codeer: origin.tsv:2: origin 'bedacht' is not manual, rule:..., accept:... or import:...
? 2

# "Unicode text" from a spreadsheet is UTF-16: refused with what to do
$ cd q && printf '\377\376d\000o\000c\000\n\000' > utf16.tsv && codeer code import utf16.tsv
! codeer: utf16.tsv: UTF-16 text; save the file as UTF-8 (CSV UTF-8 or TSV)
? 2

# an unknown coder is an error naming the project's coders, not an empty list
$ cd p && codeer code list --coder typo
! codeer: no coder 'typo' in the project (coders: anna, auto, bert, bom, bomimp, carla, rt)
? 2

$ cd p && codeer code export --coder typo
! codeer: no coder 'typo' in the project (coders: anna, auto, bert, bom, bomimp, carla, rt)
? 2

$ cd p && codeer code list --coder carla,bert --code VB | cut -f1-5
carla	mini	30	105	mini/VB
bert	mini	3	25	mini/VB
? 0

# -o FILE: the format from its extension; piped, list prints bare lines
# for cut and grep and export keeps its header
$ cd p && codeer code export --coder carla -o carla.csv && codeer code list --coder carla -o carla.md && tr -d "\r" < carla.csv && cat carla.md && codeer code list --coder carla | cut -f5
coder,doc,start,end,code,origin,created,memo,status
carla,mini,30,105,mini/VB,manual,2025-11-25T00:00:00Z,"met ""komma"", en zo",rejected
| coder | doc  | start | end | code    | origin | status   | memo               |
| ----- | ---- | ----: | --: | ------- | ------ | -------- | ------------------ |
| carla | mini |    30 | 105 | mini/VB | manual | rejected | met "komma", en zo |
mini/VB
? 0

$ cd p && codeer code export --coder carla -o carla.txt; s=$?; ls carla.*; exit $s
carla.csv
carla.md
! codeer: code export writes tsv, csv, json or md (give --format or name the file .tsv, .csv, .json or .md)
? 2

$ cd p && codeer code export --coder carla -o carla.xlsx
! codeer: carla.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
? 2

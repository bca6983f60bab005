# codeer add: what goes in, and bad input that must be refused with a
# clear message, exit status 2, and the project left exactly as it was.
# `snap` fingerprints every file of the project (the lock file aside).

$ codeer init p >/dev/null && cp "$CORPORA/s000-professional-2.txt" "$CORPORA/s000-professional-3.txt" "$DATA"/*.* p/ && cd p && codeer add s000-professional-2.txt
s000-professional-2	s000-professional-2.txt	txt	UTF-8	3 turns	6 sentences	76 words
? 0

$ cd p && ls sources
s000-professional-2.meta
s000-professional-2.txt
? 0

$ cd p && head -9 sources/s000-professional-2.meta | cut -f1 && grep -c '^turn' sources/s000-professional-2.meta && sha256sum < s000-professional-2.txt | cut -c1-64 > want && grep -q "^sha256	$(cat want)" sources/s000-professional-2.meta && echo digest recorded
codeer-meta
id
original
format
encoding
sha256
added
speaker-regex
text-sha256
3
digest recorded
? 0

# the same content twice is refused; --force adds a copy with a new id
$ cd p && codeer add s000-professional-2.txt
! codeer: s000-professional-2.txt: already in the project as 's000-professional-2' (same content); --force adds a copy
! codeer: nothing was added
? 2

$ cd p && codeer add --force s000-professional-2.txt | cut -f1
s000-professional-2-2
? 0

# all or nothing: a bad file anywhere in the batch adds none of them
$ cd p && snap() { find . -name .codeer.lock -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum; }; snap > ../before && codeer add s000-professional-3.txt no-such-file.txt; s=$?; snap | cmp - ../before && exit $s
! codeer: no-such-file.txt: No such file or directory
! codeer: nothing was added
? 2

$ cd p && snap() { find . -name .codeer.lock -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum; }; for f in not-a-zip.docx truncated.docx zip-bomb.docx xxe.docx malformed.docx empty.txt no-webvtt.vtt bad-timing.srt; do out=$(codeer add s000-professional-3.txt "$f" 2>&1); s=$?; echo "${out%%$'\n'*}"; echo "exit $s"; done; snap | cmp - ../before && echo unchanged
codeer: not-a-zip.docx: not a zip archive (is it really a .docx/.odt file?)
exit 2
codeer: truncated.docx: damaged or truncated zip archive (no central directory)
exit 2
codeer: zip-bomb.docx: word/document.xml would inflate to 68157648 bytes, past the limit of 67108864
exit 2
codeer: xxe.docx: word/document.xml:2: XML with a document type declaration (<!DOCTYPE>) is refused: entities are not allowed
exit 2
codeer: malformed.docx: word/document.xml:4: malformed XML: Opening and ending tag mismatch: t line 4 and r
exit 2
codeer: empty.txt: empty file
exit 2
codeer: no-webvtt.vtt:1: not a WebVTT file (the first line must be WEBVTT)
exit 2
codeer: bad-timing.srt:6: expected a cue timing such as 00:00:01,000 --> 00:00:04,000
exit 2
unchanged
? 0

# invalid UTF-8 in a file declared UTF-8: the byte offset and line
$ cd p && codeer add --encoding UTF-8 invalid-utf8.txt
! codeer: invalid-utf8.txt: byte offset 47 (line 3): invalid UTF-8
! codeer: nothing was added
? 2

# undeclared, the same bytes are read as Windows-1252 (the 0xFF is ÿ)
$ cd p && codeer add invalid-utf8.txt | cut -f1,4
invalid-utf8	windows-1252
? 0

$ cd p && codeer add report.pdf
! codeer: report.pdf: unsupported file type .pdf (codeer reads .txt, .md, .docx, .odt, .srt and .vtt)
! codeer: nothing was added
? 2

$ cd p && codeer add --attr noequals s000-professional-3.txt
! codeer add: --attr 'noequals': expected KEY=VALUE
! usage: codeer add [--case ID] [--attr KEY=VALUE]... [--encoding NAME]
!                   [--speaker-regex RE] [--header-line RE]... [--reread DOC]
!                   [--force] [-j N] FILE...
? 2

$ cd p && codeer add
! codeer add: missing arguments: FILE...
! usage: codeer add [--case ID] [--attr KEY=VALUE]... [--encoding NAME]
!                   [--speaker-regex RE] [--header-line RE]... [--reread DOC]
!                   [--force] [-j N] FILE...
? 2

# the speaker pattern can be replaced; it must name its speaker group
$ cd p && printf 'JAN: Goedemorgen.\nPIET: Dag Jan.\n' > custom.txt && codeer add --speaker-regex '(?<speaker>[A-Z]+):' custom.txt | cut -f5 && codeer show custom --turns | cut -f1,2,7
2 turns
t1	JAN	Goedemorgen.
t2	PIET	Dag Jan.
? 0

$ cd p && codeer add --speaker-regex '[A-Z]+:' --force custom.txt
! codeer: speaker pattern '[A-Z]+:' needs a group named 'speaker', as in (?<speaker>[A-Z]\w*):
! codeer: nothing was added
? 2

$ cd p && codeer add --speaker-regex '(?<speaker>[A-Z' --force custom.txt
! codeer: custom.txt: speaker pattern '(?<speaker>[A-Z': missing terminating ] for character class at offset 15
! codeer: nothing was added
? 2

# a 50 MB document on a single line is read like any other
$ cd p && head -c 50000000 /dev/zero | tr '\0' 'a' > big.txt && codeer add big.txt | cut -f1,5-7
big	1 turn	1 sentence	1 word
? 0

$ cd p && codeer show big c49999990-50000000
# big c49999990-50000000 t1
aaaaaaaaaa
? 0

# a read-only project: a clear error and nothing changed (root ignores
# permissions, so the command then runs as the user nobody)
$ codeer init ro >/dev/null && cp "$CORPORA/s000-professional-3.txt" . && chmod -R a-w ro && chmod -R a+rX . && if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups codeer -C ro add s000-professional-3.txt; else codeer -C ro add s000-professional-3.txt; fi; s=$?; ls ro/sources | wc -l; exit $s
0
! codeer: ro: the project cannot be written: Permission denied
! codeer: nothing was added
? 2

# crash safety: CODEER_FAULT=rename:N (fsync:N) ends the process at its
# N-th rename (fsync) as a SIGKILL there would. Killed anywhere, an add of
# 20 files leaves none or all of them; the next command completes or undoes
# the change and removes the temporary files; adding again then works.
# The 41 files are synced in one go (fsync 1), then the two directories
# and the journal (4) and its directory (5); 8 is the last, after the renames
$ mkdir twenty && for i in $(seq 1 20); do printf 'I: Vraag %d?\n\nR: Antwoord %d.\n' $i $i > twenty/t$i.txt; done && for n in fsync:1 fsync:4 fsync:5 fsync:8 rename:1 rename:2 rename:22 rename:42 rename:43; do rm -rf k && codeer init k >/dev/null && cd k && CODEER_FAULT=$n codeer add ../twenty/*.txt >/dev/null 2>&1; s=$?; d=$(codeer docs | wc -l); c=$(grep -c '^t' cases.tsv); left=$(find . -name '.codeer-tmp-*' -o -name .codeer-journal | wc -l); codeer add ../twenty/*.txt >/dev/null 2>&1; echo "$n: exit $s, $d documents, $c cases, $left left; again: exit $?, $(codeer docs | wc -l) documents"; cd ..; done
fsync:1: exit 137, 0 documents, 0 cases, 0 left; again: exit 0, 20 documents
fsync:4: exit 137, 0 documents, 0 cases, 0 left; again: exit 0, 20 documents
fsync:5: exit 137, 20 documents, 20 cases, 0 left; again: exit 2, 20 documents
fsync:8: exit 137, 20 documents, 20 cases, 0 left; again: exit 2, 20 documents
rename:1: exit 137, 0 documents, 0 cases, 0 left; again: exit 0, 20 documents
rename:2: exit 137, 20 documents, 20 cases, 0 left; again: exit 2, 20 documents
rename:22: exit 137, 20 documents, 20 cases, 0 left; again: exit 2, 20 documents
rename:42: exit 137, 20 documents, 20 cases, 0 left; again: exit 2, 20 documents
rename:43: exit 0, 20 documents, 20 cases, 0 left; again: exit 2, 20 documents
? 0

# a temporary file a killed writer left is removed by the next command
# that opens the project; fsck, which changes nothing, names it first
$ cd k && touch -d '2020-01-01' sources/.codeer-tmp-Ab12Cd && codeer fsck; echo "fsck $?"; codeer docs | wc -l; ls -A sources | grep -c codeer-tmp; true
sources/.codeer-tmp-Ab12Cd: a temporary file left by an interrupted command (the next codeer command removes it)
fsck 1
20
0
? 0

# header lines: kept in the text at their place, in no turn, paragraph or
# sentence, marked in the .meta (version 2); their words are not counted
# as outside the turns, so no warning
$ codeer init h >/dev/null && printf 'Locatie: buurthuis De Kern\nDatum: 12 maart\n\nINT: Hoe gaat het met u?\nRES: Goed, dank u. Het wijkteam helpt mij veel.\nINT: Wat doet de wijkcoach?\nRES: Ze komt elke week langs en denkt mee.\n' > iv.txt && cd h && codeer add ../iv.txt && codeer add --force --header-line 'Locatie:' --header-line 'Datum:' ../iv.txt && codeer show iv-2 --turns --format tsv && grep -E '^(codeer-meta|head)' sources/iv-2.meta sources/iv.meta && cmp sources/iv.txt sources/iv-2.txt
iv	../iv.txt	txt	UTF-8	6 turns	7 sentences	30 words
iv-2	../iv.txt	txt	UTF-8	4 turns	5 sentences	25 words
turn	speaker	time	start	end	words	text
t1	INT		49	68	5	Hoe gaat het met u?
t2	RES		74	116	8	Goed, dank u. Het wijkteam helpt mij veel.
t3	INT		122	144	4	Wat doet de wijkcoach?
t4	RES		150	187	8	Ze komt elke week langs en denkt mee.
sources/iv-2.meta:codeer-meta	2
sources/iv-2.meta:head	0	26
sources/iv-2.meta:head	27	42
sources/iv.meta:codeer-meta	1
? 0

$ cd h && codeer show iv-2 --headers --format tsv && codeer show iv --headers --format tsv
header	start	end	text
h1	0	26	Locatie: buurthuis De Kern
h2	27	42	Datum: 12 maart
header	start	end	text
? 0

# a header line ends the turn before it; the text after it, up to the
# next label, is in no turn
$ cd h && printf 'I: Eerste vraag?\nR: Antwoord.\nPauze: 10 minuten\nnog wat ruis\nI: Tweede vraag?\n' > ../pauze.txt && codeer add --header-line 'Pauze:' ../pauze.txt | cut -f5 && codeer show pauze --sentences --format tsv
3 turns
sentence	turn	start	end	text
s1	t1	3	16	Eerste vraag?
s2	t2	20	29	Antwoord.
s3		48	60	nog wat ruis
s4	t3	64	77	Tweede vraag?
? 0

$ cd h && codeer add --force --header-line '(Locatie' ../iv.txt
! codeer: ../iv.txt: header line pattern '(Locatie': missing closing parenthesis at offset 8
! codeer: nothing was added
? 2

# --reread: the same text with other rules keeps every coding byte for byte
$ cd h && codeer code add iv "wijkteam helpt" steun --new >/dev/null 2>&1 && codeer code add iv t6 steun >/dev/null && codeer code add iv "Hoe gaat het" vraag --new --coder anna >/dev/null 2>&1 && cp -r codings ../codings-before && codeer add --reread iv ../iv.txt --header-line 'Locatie:' --header-line 'Datum:' && diff -r ../codings-before codings && codeer show iv --turns --format tsv | cut -f1,2,7
re-read iv from ../iv.txt: 4 turns, 5 sentences, 2 header lines; the same text: every coding kept as it was
turn	speaker	text
t1	INT	Hoe gaat het met u?
t2	RES	Goed, dank u. Het wijkteam helpt mij veel.
t3	INT	Wat doet de wijkcoach?
t4	RES	Ze komt elke week langs en denkt mee.
? 0

# without FILE the original name is looked for in the current directory,
# and it must hold the bytes that were added
$ cd h && codeer add --reread iv
! codeer: iv.txt: the original file of 'iv' is not here; name the file to read, as in: codeer add --reread iv FILE
! codeer: nothing was changed
? 2

# the text changed: codings follow their words; one whose words are gone
# refuses the re-read, listing it, and nothing changes
$ sed -e 's/Goed, dank u./Goed hoor, dank u wel./' -e 's/Ze komt elke week langs en denkt mee./Ze komt soms langs./' iv.txt > iv-new.txt && cp -r h h-before && cd h && cp ../iv-new.txt iv.txt && codeer add --reread iv; echo "exit $?"; codeer add --reread iv ../iv-new.txt; echo "exit $?"; rm iv.txt; cd .. && diff -r h-before h && echo unchanged
exit 2
exit 2
unchanged
! codeer: iv.txt: this file has changed since 'iv' was added from it (its sha256 differs); name the file to read it all the same, as in: codeer add --reread iv FILE
! codeer: nothing was changed
! codeer: ../iv-new.txt: 1 coding of 'iv' would not find its text in the new one (coder, code, old span, first words):
!   me	project/steun	c150-187	Ze komt elke week langs en…
! --force archives them and re-reads the document
! codeer: nothing was changed
? 0

# --force: the placed codings move, the lost one is archived with the old
# text and .meta, and the project is consistent
$ cd h && codeer add --reread iv --force ../iv-new.txt | sed 's/archive\/[0-9TZ]*-/archive\/TIME-/' && cat codings/me.tsv | cut -f1-4 && ls archive/*/ && cut -f1-4 archive/*/codings-me.tsv && codeer fsck
re-read iv from ../iv-new.txt: 6 turns, 7 sentences, 0 header lines; the text changed: 2 codings placed on their text (1 moved); 1 not found, archived in archive/TIME-iv
doc	start	end	code
iv	101	115	project/steun
ARCHIVED
codings-me.tsv
iv.meta
iv.txt
doc	start	end	code
iv	150	187	project/steun
? 0

# the archived codings fit the old text, not the new: restore refuses
# them, naming where they are, and nothing changes
$ cd h && cp -r . ../h-reread && codeer restore "$(ls archive)" 2>&1 | sed 's/[0-9TZ]*-iv/TIME-iv/g'; diff -r . ../h-reread && echo unchanged
codeer: archive/TIME-iv holds codings of the text of 'iv' before it was re-read: their offsets fit that text (archive/TIME-iv/iv.txt), not the document's text now, so they cannot come back as they are; code those passages again (see archive/TIME-iv/codings-*.tsv)
unchanged
? 0

$ cd h && codeer add --reread nope ../iv.txt
! codeer: no document 'nope' in the project
! codeer: nothing was changed
? 2

$ cd h && codeer add --reread iv --case x ../iv.txt
! codeer add: --case and --attr do not go with --reread (see 'codeer cases')
! usage: codeer add [--case ID] [--attr KEY=VALUE]... [--encoding NAME]
!                   [--speaker-regex RE] [--header-line RE]... [--reread DOC]
!                   [--force] [-j N] FILE...
? 2

# -j: files are read on several threads but taken in command-line order,
# so -j 1 and -j 4 make the same project byte for byte (ids, duplicates
# under --force, cases, .meta files) and print the same listing. 200
# files, every reader among them, and duplicates: every 7th has the text
# of the one 4 before it, f199 is f001 again, f200 is the .srt's text as
# .txt (the same text from another format), and five more files in
# again/ have names taken already (ids f001-2 ...)
$ mkdir many && for i in $(seq 1 193); do printf 'I: Vraag %d over het wijkteam?\n\nR: Antwoord %d, met een paar woorden meer.\n' $((i % 7 == 0 ? i - 4 : i)) $((i % 7 == 0 ? i - 4 : i)) > many/f$(printf %03d $i).txt; done && cp "$CORPORA/formats/s003-participant-5-markdown.md" many/f194.md && cp "$CORPORA/formats/s002-mee-interview-word.docx" many/f195.docx && cp "$CORPORA/formats/s003-participant-12-writer.odt" many/f196.odt && cp "$CORPORA/formats/s002-frion-casussen-ondertitels.srt" many/f197.srt && cp "$CORPORA/formats/s002-buurtzorg-casussen-ondertitels.vtt" many/f198.vtt && cp many/f001.txt many/f199.txt && codeer init x >/dev/null && codeer -C x add many/f197.srt >/dev/null && cp x/sources/f197.txt many/f200.txt && mkdir again && for i in 1 2 3 4 5; do printf 'R: Nog een %d.\n' $i > again/f00$i.txt; done && ls many again | grep -c '^f'
205
? 0

$ mkdir a b && codeer init a/p >/dev/null && codeer init b/p >/dev/null && codeer -C a/p add -j 1 --force many/* again/* > a/listing && codeer -C b/p add -j 4 --force many/* again/* > b/listing && cmp a/listing b/listing && snap() { find . -name .codeer.lock -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum; }; (cd a/p && snap) > a/snap && (cd b/p && snap) > b/snap && cmp a/snap b/snap && wc -l < a/listing && grep -c . a/snap && cut -f1 a/listing | sed -n '200,202p'
205
413
f200
f001-2
f002-2
? 0

# without --force the first duplicate in command-line order is refused,
# whatever -j is, and nothing is added
$ codeer init q >/dev/null && for j in 1 2 4; do codeer -C q add -j $j many/*; echo "exit $?"; done; ls q/sources | wc -l
! codeer: many/f007.txt: already in the project as 'f003' (same content); --force adds a copy
! codeer: nothing was added
! codeer: many/f007.txt: already in the project as 'f003' (same content); --force adds a copy
! codeer: nothing was added
! codeer: many/f007.txt: already in the project as 'f003' (same content); --force adds a copy
! codeer: nothing was added
exit 2
exit 2
exit 2
0
? 0

# an error in the 100th of 200 files leaves the project byte for byte as
# it was; it is the error reported even when a file after it is bad too
# (the 102nd, empty), which another thread may have read first
$ cd a/p && snap() { find . -name .codeer.lock -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum; }; mkdir ../../bad && for i in $(seq 1 200); do printf 'I: Nieuwe vraag %d?\n\nR: Nieuw antwoord %d.\n' $i $i > ../../bad/n$(printf %03d $i).txt; done && rm ../../bad/n100.txt && cp "$DATA/not-a-zip.docx" ../../bad/n100.docx && : > ../../bad/n102.txt && snap > ../before && for j in 1 2 4; do codeer add -j $j ../../bad/*; echo "exit $?"; snap | cmp - ../before && echo unchanged; done; find . -name '.codeer-tmp-*' | wc -l
! codeer: ../../bad/n100.docx: not a zip archive (is it really a .docx/.odt file?)
! codeer: nothing was added
! codeer: ../../bad/n100.docx: not a zip archive (is it really a .docx/.odt file?)
! codeer: nothing was added
! codeer: ../../bad/n100.docx: not a zip archive (is it really a .docx/.odt file?)
! codeer: nothing was added
exit 2
unchanged
exit 2
unchanged
exit 2
unchanged
0
? 0

$ codeer add -j -1 many/f001.txt
! codeer add: --jobs takes a number from 1 to 1024 (0: one per core)
! usage: codeer add [--case ID] [--attr KEY=VALUE]... [--encoding NAME]
!                   [--speaker-regex RE] [--header-line RE]... [--reread DOC]
!                   [--force] [-j N] FILE...
? 2

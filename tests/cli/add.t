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
!                   [--speaker-regex RE] [--force] FILE...
? 2

$ cd p && codeer add
! codeer add: missing arguments: FILE...
! usage: codeer add [--case ID] [--attr KEY=VALUE]... [--encoding NAME]
!                   [--speaker-regex RE] [--force] FILE...
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
# the change and removes the temporary files; adding again then works
$ mkdir twenty && for i in $(seq 1 20); do printf 'I: Vraag %d?\n\nR: Antwoord %d.\n' $i $i > twenty/t$i.txt; done && for n in fsync:1 fsync:41 fsync:44 rename:1 rename:2 rename:22 rename:42 rename:43; do rm -rf k && codeer init k >/dev/null && cd k && CODEER_FAULT=$n codeer add ../twenty/*.txt >/dev/null 2>&1; s=$?; d=$(codeer docs | wc -l); c=$(grep -c '^t' cases.tsv); left=$(find . -name '.codeer-tmp-*' -o -name .codeer-journal | wc -l); codeer add ../twenty/*.txt >/dev/null 2>&1; echo "$n: exit $s, $d documents, $c cases, $left left; again: exit $?, $(codeer docs | wc -l) documents"; cd ..; done
fsync:1: exit 137, 0 documents, 0 cases, 0 left; again: exit 0, 20 documents
fsync:41: exit 137, 0 documents, 0 cases, 0 left; again: exit 0, 20 documents
fsync:44: exit 137, 0 documents, 0 cases, 0 left; again: exit 0, 20 documents
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

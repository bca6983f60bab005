# Every reader on the shipped files of corpora/formats/: each gives the
# same turns (speaker, words, text) as the UTF-8 .txt it was made from.

$ codeer init p >/dev/null && cp "$CORPORA"/formats/* p/ && cd "$CORPORA" && cp s002-mee-interview.txt s003-participant-12.txt s003-participant-5.txt s000-professional-6.txt s004-interviews-eigen-kracht.txt s002-buurtzorg-casussen.txt s002-frion-casussen.txt "$OLDPWD/p/"
? 0

$ cd p && codeer add *.docx *.odt *.md *.vtt *.srt *.txt
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

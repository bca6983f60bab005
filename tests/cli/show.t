# codeer show: whole documents, turns, sentences and character ranges,
# checked against the transcript text in corpora/s003-participant-5.txt.

$ codeer init p >/dev/null && cp "$CORPORA/s003-participant-5.txt" p/ && cd p && codeer add s003-participant-5.txt
s003-participant-5	s003-participant-5.txt	txt	UTF-8	5 turns	12 sentences	243 words
? 0

# the stored text is the file itself (it is UTF-8 NFC with LF already)
$ cd p && codeer show s003-participant-5 | cmp - s003-participant-5.txt && echo same
same
? 0

$ cd p && codeer show s003-participant-5 t4
# s003-participant-5 t4 c1179-1328 Participant 5
Als je nog niet weet wat die praktijk betekent, dan is het heel moeilijk om je voor te stellen dat je ook af en toe moet afwijken van wat gangbaar is
? 0

$ cd p && codeer show s003-participant-5 s4
# s003-participant-5 s4 c386-449 t2 Participant 5
Voor 20%, misschien 15%, werkt het niet en is iets anders nodig
? 0

# offsets are code points; the label "Participant 5: " is not part of turn 1
$ cd p && codeer show s003-participant-5 c15-40
# s003-participant-5 c15-40 t1 Participant 5
En die SKJ dat maakt ook 
? 0

# only the aligned table (for a person) shortens the text of a turn
$ cd p && codeer show s003-participant-5 --turns --format table | head -3
turn  speaker        time  start  end   words  text
t1    Participant 5           15   281     47  En die SKJ dat maakt ook dat mensen, door wat er gebeurd is…
t2    Participant 5          298   449     27  voor 80% van de mensen werkt het gewoon zoals we het georgan…
? 0

$ cd p && codeer show s003-participant-5 --turns --format md | sed -n '1,2p;7p' | tr -s ' -'
| turn | speaker | time | start | end | words | text |
| - | - | - | -: | -: | -: | - |
| t5 | Participant 5 | | 1345 | 1424 | 15 | Het vereist echt veel lef. Je moet echt je kop boven het maaiveld durven steken |
? 0

# piped, the lists are bare lines for cut and grep, with the whole text
$ cd p && codeer show s003-participant-5 --sentences | head -3
s1	t1	15	154	En die SKJ dat maakt ook dat mensen, door wat er gebeurd is en omdat er ook een vergrootglas natuurlijk op de jeugdzorg is komen te liggen.
s2	t1	155	281	Zijn professionals angstiger geworden van ik, ik mag geen fouten maken, want ik kan hier ook persoonlijk op afgerekend worden.
s3	t2	298	385	voor 80% van de mensen werkt het gewoon zoals we het georganiseerd hebben in Nederland.
? 0

# tsv, csv and json carry every character of the 696-character turn 3
$ cd p && codeer show s003-participant-5 t3 | tail -1 > t3.txt && codeer show s003-participant-5 --turns --format tsv | sed -n '1p;4p' | cut -f1,7 > t.tsv && head -1 t.tsv && tail -1 t.tsv | cut -f2 | cmp - t3.txt && echo tsv same
turn	text
tsv same
? 0

$ cd p && codeer show s003-participant-5 --turns --format csv | python3 -c 'import csv,sys; r = list(csv.DictReader(sys.stdin)); print(len(r), r[2]["turn"], r[2]["text"] == open("t3.txt").read().rstrip("\n"))'
5 t3 True
? 0

# json: one document, numbers as numbers, null for a turn without a time
$ cd p && codeer show s003-participant-5 --turns --format json | python3 -c 'import json,sys; d = json.load(sys.stdin); t = d[2]; print(len(d), t["turn"], t["start"] + 1, t["time"], len(t["text"]), t["text"] == open("t3.txt").read().rstrip("\n"))'
5 t3 467 None 696 True
? 0

$ cd p && codeer show s003-participant-5 --sentences --format json | python3 -c 'import json,sys; d = json.load(sys.stdin); print(len(d), d[11])'
12 {'sentence': 's12', 'turn': 't5', 'start': 1372, 'end': 1424, 'text': 'Je moet echt je kop boven het maaiveld durven steken'}
? 0

# --format for one part: a row under a header, or one JSON object
$ cd p && codeer show --format tsv s003-participant-5 s4
doc	ref	start	end	turn	speaker	time	text
s003-participant-5	s4	386	449	t2	Participant 5		Voor 20%, misschien 15%, werkt het niet en is iets anders nodig
? 0

$ cd p && codeer show --format csv s003-participant-5 'werkt het niet' | tr -d '\r'
doc,ref,start,end,turn,speaker,time,text
s003-participant-5,werkt het niet,411,425,t2,Participant 5,,werkt het niet
? 0

$ cd p && codeer show --format json s003-participant-5 t4 | python3 -c 'import json,sys; d = json.load(sys.stdin); print(sorted(d), d["start"], d["end"], d["turn"], d["time"], d["text"][:20])'
['doc', 'end', 'ref', 'speaker', 'start', 'text', 'time', 'turn'] 1179 1328 t4 None Als je nog niet weet
? 0

# the label before turn 1 lies in no turn: turn, speaker and time are null
$ cd p && codeer show --format json s003-participant-5 c0-13
{"doc": "s003-participant-5", "ref": "c0-13", "start": 0, "end": 13, "turn": null, "speaker": null, "time": null, "text": "Participant 5"}
? 0

# the whole document: ref null, its span from 0 to its length
$ cd p && codeer show --format json s003-participant-5 | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["ref"], d["start"], d["end"], d["text"] == open("s003-participant-5.txt").read())'
None 0 1425 True
? 0

# -o FILE: the format from the extension, written only on success
$ cd p && codeer show s003-participant-5 --turns -o turns.json && python3 -c 'import json; print(json.load(open("turns.json"))[4]["words"])'
15
? 0

$ cd p && codeer show s003-participant-5 t5 -o t5.csv && tr -d '\r' < t5.csv
doc,ref,start,end,turn,speaker,time,text
s003-participant-5,t5,1345,1424,t5,Participant 5,,Het vereist echt veel lef. Je moet echt je kop boven het maaiveld durven steken
? 0

$ cd p && codeer show s003-participant-5 --sentences -o s.xlsx; ls s.xlsx
! codeer: s.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
! ls: cannot access 's.xlsx': No such file or directory
? 2

$ cd p && codeer show s003-participant-5 t9 -o t9.json; ls t9.json
! codeer: s003-participant-5: t9: turn 9 out of range (the document has 5 turns)
! ls: cannot access 't9.json': No such file or directory
? 2

# references out of range or malformed
$ cd p && codeer show s003-participant-5 t6
! codeer: s003-participant-5: t6: turn 6 out of range (the document has 5 turns)
? 2

$ cd p && codeer show s003-participant-5 s0
! codeer: s003-participant-5: s0: sentence 0 out of range (the document has 12 sentences)
? 2

$ cd p && codeer show s003-participant-5 c40-20
! codeer: s003-participant-5: c40-20: the start must be below the end
? 2

$ cd p && codeer show s003-participant-5 c0-99999
! codeer: s003-participant-5: c0-99999: beyond the end of the document (1425 characters)
? 2

$ cd p && codeer show s003-participant-5 x12
! codeer: s003-participant-5: 'x12' is neither a reference (t12, s40, c100-250) nor a phrase in the document
? 2

$ cd p && codeer show nosuch t1
! codeer: no document 'nosuch' in the project (see 'codeer docs')
? 2

$ cd p && codeer show
! codeer show: missing arguments: DOC [REF]
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

$ cd p && codeer show s003-participant-5 t1 s2
! codeer show: unexpected argument 's2'
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

$ cd p && codeer show s003-participant-5 t1 --turns
! codeer show: --turns and --sentences list a whole document; leave out the reference
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

# one list at a time: the parser keeps no order, so neither may win
$ cd p && codeer show --turns --sentences s003-participant-5
! codeer show: --turns or --sentences, not both
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

$ cd p && codeer show --format xml s003-participant-5 t1
! codeer show: --format takes table, plain, tsv, csv, json, md, html; not 'xml'
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

# options may follow the arguments, and abbreviate
$ cd p && codeer show s003-participant-5 --sent --format=tsv | sed -n 2p | cut -f1-4
s1	t1	15	154
? 0

# a phrase that starts like a reference is still a phrase: the header
# gives its span and turn
$ cd p && codeer show s003-participant-5 tekenen
# s003-participant-5 tekenen c1154-1161 t3 Participant 5
tekenen
? 0

# json for the lists: numbers as numbers, and null for a turn without a
# speaker or a time and for a sentence outside every turn
$ cd p && printf 'Interview 7, 3 maart.\n\nI: Hoe verbindt u mensen?\n\nVia de buurt.\n' > pre.txt && codeer add pre.txt | cut -f1 && codeer show --turns --format json pre && codeer show --sentences --format json pre
pre
[
 {"turn": "t1", "speaker": "I", "time": null, "start": 26, "end": 63, "words": 7, "text": "Hoe verbindt u mensen?\n\nVia de buurt."}
]
[
 {"sentence": "s1", "turn": null, "start": 0, "end": 21, "text": "Interview 7, 3 maart."},
 {"sentence": "s2", "turn": "t1", "start": 26, "end": 48, "text": "Hoe verbindt u mensen?"},
 {"sentence": "s3", "turn": "t1", "start": 50, "end": 63, "text": "Via de buurt."}
]
? 0

# ---- --numbered: the transcript to read and code from, every turn with
# its number, speaker and time, wrapped at spaces (piped: 80 columns)
$ cd p && codeer show --numbered s003-participant-5 | head -12
t1  Participant 5
      En die SKJ dat maakt ook dat mensen, door wat er gebeurd is en omdat er
      ook een vergrootglas natuurlijk op de jeugdzorg is komen te liggen. Zijn
      professionals angstiger geworden van ik, ik mag geen fouten maken, want ik
      kan hier ook persoonlijk op afgerekend worden.

t2  Participant 5
      voor 80% van de mensen werkt het gewoon zoals we het georganiseerd hebben
      in Nederland. Voor 20%, misschien 15%, werkt het niet en is iets anders
      nodig

t3  Participant 5
? 0

$ cd p && codeer show --numbered --width 40 pre
(no turn)
      Interview 7, 3 maart.

t1  I
      Hoe verbindt u mensen?

      Via de buurt.
? 0

# every word of every turn is there, in order
$ cd p && codeer show --numbered s003-participant-5 | grep -v '^t[0-9]' | tr -s ' \n' '  ' | sed 's/^ //; s/ $//' > a && codeer show s003-participant-5 --turns --format tsv | tail -n +2 | cut -f7 | tr -s ' \n' '  ' | sed 's/^ //; s/ $//' > b && cmp a b && echo same words
same words
? 0

$ cd p && codeer show --numbered --sentences --width 60 pre
(no turn)
  s1  Interview 7, 3 maart.

t1  I
  s2  Hoe verbindt u mensen?
  s3  Via de buurt.
? 0

# --coded: the codes of each line in a margin; lines without codes end at their text
$ cd p && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add --coder anna pre "Via de buurt" VB.NET >/dev/null && codeer code add --coder anna pre "Hoe verbindt" VB >/dev/null && codeer show --numbered --coded --width 60 pre | cat -A
(no turn)$
      Interview 7, 3 maart.$
$
t1  I$
      Hoe verbindt u mensen?          | VB$
$
      Via de buurt.                   | VB.NET$
! codeer: counting the codings of coder anna
? 0

$ cd p && codeer show --numbered --coded --coder nobody pre
! codeer: no coder 'nobody' in the project (coders: anna)
? 2

$ cd p && codeer show --coded pre
! codeer show: --coded and --width go with --numbered
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

$ cd p && codeer show --numbered pre t1
! codeer show: --numbered prints the whole document; leave out --turns and the reference
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

$ cd p && codeer show --numbered --width 20 pre
! codeer show: --width must be a number from 40 to 1000
! usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
!                    [--coder NAME] [--width N] [--format F] [-o FILE] DOC [REF]
? 2

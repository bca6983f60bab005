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

$ cd p && codeer show s003-participant-5 --turns --format md
| turn | speaker       | time | start |  end | words | text                                                          |
| ---- | ------------- | ---- | ----: | ---: | ----: | ------------------------------------------------------------- |
| t1   | Participant 5 |      |    15 |  281 |    47 | En die SKJ dat maakt ook dat mensen, door wat er gebeurd is…  |
| t2   | Participant 5 |      |   298 |  449 |    27 | voor 80% van de mensen werkt het gewoon zoals we het georgan… |
| t3   | Participant 5 |      |   466 | 1162 |   123 | En soms zoeken ze elkaar op, maar als er bijvoorbeeld een ne… |
| t4   | Participant 5 |      |  1179 | 1328 |    31 | Als je nog niet weet wat die praktijk betekent, dan is het h… |
| t5   | Participant 5 |      |  1345 | 1424 |    15 | Het vereist echt veel lef. Je moet echt je kop boven het maa… |
? 0

$ cd p && codeer show s003-participant-5 --sentences | head -3
s1	t1	15	154	En die SKJ dat maakt ook dat mensen, door wat er gebeurd is…
s2	t1	155	281	Zijn professionals angstiger geworden van ik, ik mag geen fo…
s3	t2	298	385	voor 80% van de mensen werkt het gewoon zoals we het georgan…
? 0

$ cd p && codeer show s003-participant-5 --turns --format json | head -2
[
 {"turn": "t1", "speaker": "Participant 5", "time": "", "start": 15, "end": 281, "words": 47, "text": "En die SKJ dat maakt ook dat mensen, door wat er gebeurd is…"},
? 0

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
! codeer show: no document given
! usage: codeer show [--turns | --sentences] [--format F] DOC [t12|s40|c100-250|PHRASE]
? 2

# a phrase that starts like a reference is still a phrase: the header
# gives its span and turn
$ cd p && codeer show s003-participant-5 tekenen
# s003-participant-5 tekenen c1154-1161 t3 Participant 5
tekenen
? 0

# Transcription conventions (docs/add.md, "Transcription conventions"):
# timestamps that become a turn's time and leave its text, speaker labels
# in other styles, sentences with a colon that are no labels, transcripts
# laid out as a table in .docx and .odt, and the warning when most of a
# document's words are in no turn. The fixtures are made by
# tests/data/make-transcripts.py.

$ codeer init p >/dev/null && cp "$DATA"/transcripts/*.* p/ && cd p && codeer add f4-export.txt tijden.txt labels.txt geen-labels.txt dienst-tabel.docx f4-tabel.docx focusgroep.odt twee-kolommen.odt geen-transcript.docx
f4-export	f4-export.txt	txt	UTF-8	5 turns	7 sentences	35 words
tijden	tijden.txt	txt	UTF-8	5 turns	8 sentences	29 words
labels	labels.txt	txt	UTF-8	8 turns	8 sentences	30 words
geen-labels	geen-labels.txt	txt	UTF-8	2 turns	7 sentences	58 words
dienst-tabel	dienst-tabel.docx	docx	UTF-8	4 turns	11 sentences	41 words
f4-tabel	f4-tabel.docx	docx	UTF-8	4 turns	5 sentences	26 words
focusgroep	focusgroep.odt	odt	UTF-8	3 turns	5 sentences	16 words
twee-kolommen	twee-kolommen.odt	odt	UTF-8	4 turns	7 sentences	28 words
geen-transcript	geen-transcript.docx	docx	UTF-8	2 turns	12 sentences	22 words
? 0

# f4/f5: a mark at the end of a line is where the recording was when the
# line ended, so it is the next turn's time; it ends its paragraph and is
# in no sentence
$ cd p && codeer show f4-export --turns --format tsv
turn	speaker	time	start	end	words	text
t1	I	00:00:02-1	43	79	8	Hoe lang werkt u al in het wijkteam?
t2	B	00:00:05-2	96	126	6	Sinds de start, dus vier jaar.
t3	I	00:00:09-8	143	178	8	En wat is er in die tijd veranderd?
t4	B	00:00:13-0	195	267	10	We kennen de buurt beter. #00:00:17-4# Maar de wachtlijsten zijn langer.
t5	I	00:00:21-9	284	295	3	Dank u wel.
? 0

$ cd p && codeer show f4-export --sentences --format tsv
sentence	turn	start	end	text
s1		0	26	Interview 12 wijkteam Zuid
s2	t1	43	79	Hoe lang werkt u al in het wijkteam?
s3	t2	96	126	Sinds de start, dus vier jaar.
s4	t3	143	178	En wat is er in die tijd veranderd?
s5	t4	195	220	We kennen de buurt beter.
s6	t4	234	267	Maar de wachtlijsten zijn langer.
s7	t5	284	295	Dank u wel.
? 0

# marks at the start of a turn: before the label, in it, after it, or alone
# on the line before it; a bracketed mark at the end of a line stays text
$ cd p && codeer show tijden --turns --format tsv
turn	speaker	time	start	end	words	text
t1	I	00:00:04	39	58	4	Wat doet u precies?
t2	R	00:00:09	74	106	6	Ik ben wijkcoach in Zwolle-Zuid.
t3	Interviewer	00:00:15	132	162	7	En hoe bepaalt u wat nodig is?
t4	R	00:21	175	233	8	Door eerst te luisteren.  [00:00:30] Soms duurt dat weken.
t5	I		238	260	4	Herkenbaar. [00:00:41]
? 0

$ cd p && codeer show tijden --sentences --format tsv
sentence	turn	start	end	text
s1		11	23	Start opname
s2	t1	39	58	Wat doet u precies?
s3	t2	74	106	Ik ben wijkcoach in Zwolle-Zuid.
s4	t3	132	162	En hoe bepaalt u wat nodig is?
s5	t4	175	199	Door eerst te luisteren.
s6	t4	212	233	Soms duurt dat weken.
s7	t5	238	249	Herkenbaar.
s8	t5	250	260	[00:00:41]
? 0

# labels in lower case, with a name in brackets, as short codes
$ cd p && codeer show labels --turns --format tsv
turn	speaker	time	start	end	words	text
t1	INT		5	38	6	Hoe gaat het met de samenwerking?
t2	R1		44	75	6	Goed, we zien elkaar elke week.
t3	i		80	99	4	En met de huisarts?
t4	r		104	120	3	Dat is lastiger.
t5	Interviewer (Anna)		142	149	1	Waarom?
t6	Respondent (Piet de Vries)		179	201	4	Hij heeft weinig tijd.
t7	int		208	221	1	Begrijpelijk.
t8	respondent 2		237	259	5	Bij ons is dat anders.
? 0

# sentences with a colon are no labels: all of them stay in R's turn
$ cd p && codeer show geen-labels --turns --format tsv
turn	speaker	time	start	end	words	text
t1	I		3	31	5	Hoe plant u de huisbezoeken?
t2	R		36	338	53	Dat hangt ervan af. Let op: niet elk gezin wil een bezoek. Dus: we bellen eerst. NB: dat staat ook in het protocol. om 10:30 hebben we overleg, en 10:30 is voor de meeste ouders te vroeg. URL: https://www.wijkteam.example/afspraak https://www.wijkteam.example/afspraak is het adres. Ja: dat werkt goed.
? 0

# a transcription service's Word table: header row, time, speaker and text
# columns; a row without a speaker goes on with the one before; the title
# and the note after the table are in no turn
$ cd p && codeer show dienst-tabel
Interview wijkverpleging, 3 maart

Transcriptie: Tekstbureau Noord

Tijd	Spreker	Tekst

00:00:03 Interviewer: Hoe lang werkt u al als wijkverpleegkundige?

00:00:07 Respondent: Een jaar of acht. Eerst in de thuiszorg, nu bij Buurtzorg.

En daarvoor in het ziekenhuis.

00:00:19 Interviewer: Wat is het grootste verschil?

00:00:24 Respondent: De ruimte om zelf te beslissen.

Dat had ik in het ziekenhuis nooit.

Einde van de opname.

? 0

$ cd p && codeer show dienst-tabel --turns --format tsv
turn	speaker	time	start	end	words	text
t1	Interviewer	00:00:03	110	154	7	Hoe lang werkt u al als wijkverpleegkundige?
t2	Respondent	00:00:07	177	267	16	Een jaar of acht. Eerst in de thuiszorg, nu bij Buurtzorg.  En daarvoor in het ziekenhuis.
t3	Interviewer	00:00:19	291	320	5	Wat is het grootste verschil?
t4	Respondent	00:00:24	343	411	13	De ruimte om zelf te beslissen.  Dat had ik in het ziekenhuis nooit.
? 0

$ cd p && codeer show dienst-tabel --sentences --format tsv | head -5
sentence	turn	start	end	text
s1		0	33	Interview wijkverpleging, 3 maart
s2		35	66	Transcriptie: Tekstbureau Noord
s3		68	86	Tijd Spreker Tekst
s4	t1	110	154	Hoe lang werkt u al als wijkverpleegkundige?
? 0

# f4/f5's table: the heading row marked as repeating, f4's time marks
$ cd p && codeer show f4-tabel --turns --format tsv
turn	speaker	time	start	end	words	text
t1	I	00:00:01-4	47	80	6	Wat betekent eigen kracht voor u?
t2	B	00:00:06-0	98	141	8	Dat mensen eerst zelf kijken wat ze kunnen.
t3	I	00:00:12-7	159	180	5	En als dat niet lukt?
t4	B	00:00:15-2	198	235	7	Dan kijken we samen naar het netwerk.
? 0

# LibreOffice: two columns without a header, padding cells after them;
# and header rows with a time column in brackets
$ cd p && codeer show twee-kolommen --turns --format tsv && codeer show focusgroep --turns --format tsv
turn	speaker	time	start	end	words	text
t1	Onderzoeker		24	69	7	Hoe verloopt de samenwerking met de gemeente?
t2	Cliënt 2		81	126	7	Wisselend. Soms snel, soms duurt het maanden.
t3	Onderzoeker		141	168	5	Kunt u een voorbeeld geven?
t4	Cliënt 2		180	234	9	Mijn aanvraag voor een traplift lag drie maanden stil.
turn	speaker	time	start	end	words	text
t1	Moderator	00:01:02	36	72	5	Welkom allemaal bij deze focusgroep.
t2	Deelnemer 1	00:01:10	98	127	7	Dank je. Ik werk bij het AMW.
t3	Deelnemer 2	00:01:15	153	167	4	En ik bij MEE.
? 0

# a table of names and functions is no transcript: its cells stay
# paragraphs of the turn around it
$ cd p && codeer show geen-transcript --turns --format tsv
turn	speaker	time	start	end	words	text
t1	I		3	117	15	Wie zaten er aan tafel?  Naam  Functie  Anna  wijkcoach  Bram  teamleider  Cees  beleidsmedewerker  Dewi  huisarts
t2	R		122	155	7	Het hele team, zoals in de tabel.
? 0

# your own pattern: marks after the label still give the time
$ cd p && printf 'JAN: [00:00:03] Goedemorgen.\nPIET: #00:00:05-0# Dag Jan. #00:00:07-5#\nJAN: Hoe gaat het?\n' > eigen.txt && codeer add --speaker-regex "(?<speaker>[A-Z]+):" eigen.txt && codeer show eigen --turns --format tsv
eigen	eigen.txt	txt	UTF-8	3 turns	3 sentences	6 words
turn	speaker	time	start	end	words	text
t1	JAN	00:00:03	16	28	1	Goedemorgen.
t2	PIET	00:00:05-0	48	56	2	Dag Jan.
t3	JAN	00:00:07-5	75	88	3	Hoe gaat het?
? 0

# most words in no turn: a warning on standard error, and the document is
# added all the same
$ cd p && codeer add verslag.txt
verslag	verslag.txt	txt	UTF-8	1 turn	5 sentences	5 words
! codeer: warning: verslag.txt: 62 of its 67 words are outside any speaker turn; if its speakers have labels codeer did not recognise, give their pattern with --speaker-regex
? 0

$ cd p && codeer docs --format tsv | cut -f1,5-7 | grep verslag
verslag	1	5	5
? 0

# no warning when the command fails, and nothing is added
$ cd p && codeer add --force verslag.txt geen-bestand.txt
! codeer: geen-bestand.txt: No such file or directory
! codeer: nothing was added
? 2

# a short title over a short exchange is no reason to warn
$ cd p && printf 'Gesprek met de wijkcoach op 3 maart in Zwolle.\n\nR: Goed.\n' > kort.txt && codeer add kort.txt
kort	kort.txt	txt	UTF-8	1 turn	2 sentences	1 word
? 0

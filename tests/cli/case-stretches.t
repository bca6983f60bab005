# Cases that are stretches of a document: one interview (dossiers.txt,
# five turns) held whole by case 'heel' (Zwolle) holds two dossiers, d1
# (turns 2-3, Elburg) and d2 (turns 4-5, Ommen). The filters --case and
# --attr narrow every retrieval to the stretches of the cases chosen, and
# a share of a stretch case is of the words of its stretch.

$ codeer init s >/dev/null && cd s && printf 'I: Welkom, vertel over de dossiers.\nR: In het eerste dossier wilde ik hem verbinden met de buurt.\nI: En eigen kracht?\nR: Eigen kracht stond voorop in het tweede dossier.\nR: Daar ging het om verbinden met de huisarts.\n' > dossiers.txt && codeer add --case heel --attr gemeente=Zwolle dossiers.txt >/dev/null && printf 'case\tdocs\tgemeente\nd1\tdossiers:t2-t3\tElburg\nd2\tdossiers:t4-t5\tOmmen\n' > d.tsv && codeer cases import d.tsv && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && for x in "t1 VB" "t2 VB" "t3 EK" "t4 EK" "t5 VB"; do codeer code add dossiers $x >/dev/null || exit 1; done && codeer show dossiers --turns | cut -f1,6
3 cases
t1	5
t2	11
t3	3
t4	8
t5	8
? 0

# quotes: only the stretch of the case asked for
$ cd s && codeer quotes VB --case d1
dossiers t2 R c39-97 mini/VB [me]
  In het eerste dossier wilde ik hem verbinden met de buurt.

1 segment coded mini/VB
? 0

# the case that holds the document whole keeps the rest of it (turn 1)
$ cd s && codeer quotes VB --case heel --format tsv | cut -f3,10
turn	text
t1	Welkom, vertel over de dossiers.
? 0

# the case and attribute columns are the stretch's, not those of the
# case holding the whole document
$ cd s && codeer quotes VB --format tsv | cut -f2,3,12
case	turn	gemeente
heel	t1	Zwolle
d1	t2	Elburg
d2	t5	Ommen
? 0

# two cases: either stretch
$ cd s && codeer quotes VB --case d1 --case d2 --format tsv | cut -f3
turn
t2
t5
? 0

$ cd s && codeer quotes EK --case heel
! codeer: no segments coded mini/EK in case heel
? 1

# freq counts the codings of the stretch only, by case and by attribute
$ cd s && codeer freq --case d1
code	label	segments	docs	cases	words
mini/VB	Verbinden	1	1	1	11
mini/EK	Eigen kracht	1	1	1	3
! codeer: counting the codings of coder me
? 0

$ cd s && codeer freq --attr gemeente=Ommen
code	label	segments	docs	cases	words
mini/VB	Verbinden	1	1	1	8
mini/EK	Eigen kracht	1	1	1	8
! codeer: counting the codings of coder me
? 0

# a case filter with a speaker filter: both must hold
$ cd s && codeer freq --case d1 --speaker I
code	label	segments	docs	cases	words
mini/EK	Eigen kracht	1	1	1	3
! codeer: counting the codings of coder me
? 0

# kwic searches the stretch only
$ cd s && codeer kwic verbind --case d2
dossiers	t5	c190-197	R: Daar ging het om 	verbind	en met de huisarts.
? 0

$ cd s && codeer kwic dossier --case heel --format tsv | cut -f1,2,5
doc	turn	match
dossiers	t1	dossier
? 0

$ cd s && codeer kwic dossier --attr gemeente=Elburg --attr gemeente=Ommen --format tsv | cut -f2,5
turn	match
t2	dossier
t4	dossier
? 0

# matrix: rows of the cases the filter keeps only, even with --all
$ cd s && codeer matrix --rows case --case d1 --all
case	mini/VB	mini/VB.NET	mini/EK	mini/HAND	total
d1	1	0	1	0	2
total	1	0	1	0	2
! codeer: counting the codings of coder me
? 0

$ cd s && codeer matrix --rows attr:gemeente --attr gemeente=Elburg --attr gemeente=Zwolle --all
gemeente	mini/VB	mini/VB.NET	mini/EK	mini/HAND	total
Elburg	1	0	1	0	2
Zwolle	1	0	0	0	1
total	2	0	1	0	3
! codeer: counting the codings of coder me
? 0

# a share of a stretch case is of the words of its stretch: d1 has 14
# words (11 coded VB, 3 EK), d2 16 (8 and 8), heel the 5 of turn 1; the
# total row is of all 35
$ cd s && codeer matrix --rows case --cell share
case	mini/VB	mini/EK	total
heel	100.0	0.0	100.0
d1	78.6	21.4	100.0
d2	50.0	50.0	100.0
total	68.6	31.4	100.0
! codeer: counting the codings of coder me
? 0

$ cd s && codeer matrix --rows attr:gemeente --cell share --codes EK
gemeente	mini/EK	total
Elburg	21.4	21.4
Ommen	50.0	50.0
total	31.4	31.4
! codeer: counting the codings of coder me
? 0

# with a case filter, a document row's share is of the words of the
# stretch kept (16), not of the whole document (35)
$ cd s && codeer matrix --rows doc --cell share --case d2
doc	mini/VB	mini/EK	total
dossiers	50.0	50.0	100.0
total	50.0	50.0	100.0
! codeer: counting the codings of coder me
? 0

# and so does a speaker row: R's words in d1 are the 11 of turn 2
$ cd s && codeer matrix --rows speaker --cell share --case d1
speaker	mini/VB	mini/EK	total
I	0.0	100.0	100.0
R	100.0	0.0	100.0
total	78.6	21.4	100.0
! codeer: counting the codings of coder me
? 0

# partial matrices count a stretch's words as matrix does, so their merge
# gives the same shares (cases merged in natural order)
$ cd s && codeer matrix --rows case --partial -o part.tsv && codeer matrix --merge part.tsv --cell share
case	mini/VB	mini/EK	total
d1	78.6	21.4	100.0
d2	50.0	50.0	100.0
heel	100.0	0.0	100.0
total	68.6	31.4	100.0
! codeer: counting the codings of coder me
? 0

# cooccur within a stretch
$ cd s && codeer cooccur --within document --case d1
code	mini/VB	mini/EK
mini/VB	1	1
mini/EK	1	1
! codeer: counting the codings of coder me
? 0

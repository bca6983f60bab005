# Retrieval: search-and-code with kwic --code, one filter (--doc, --case,
# --attr, --speaker) on kwic, quotes, freq, matrix and cooccur, and quotes
# where two codes overlap (--and) or lie close (--near). The project is
# tests/data/mini.txt (I and R, 5 turns) and corpora/s003-participant-5.txt.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" "$CORPORA/s003-participant-5.txt" p/ && cd p && codeer add mini.txt s003-participant-5.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && printf 'case,gemeente,rol\nmini,Utrecht,bewoner\ns003-participant-5,Zeist,professional\n' > cases.csv && codeer cases import cases.csv
2 cases
? 0

# ---- kwic --code: a dry run shows exactly what would be coded, writes nothing
$ cd p && CODEER_CODER=anna codeer kwic -F 'eigen kracht' --code EK --scope sentence --dry-run; ls codings
mini	t3	c110-126	mini/EK	add	En eigen kracht?
mini	t4	c131-157	mini/EK	add	Eigen kracht staat voorop.
! codeer: would add 2 codings of mini/EK for anna (dry run: nothing written)
? 0

$ cd p && CODEER_CODER=anna codeer kwic -F 'eigen kracht' --code EK --scope sentence
mini	t3	c110-126	mini/EK	add	En eigen kracht?
mini	t4	c131-157	mini/EK	add	Eigen kracht staat voorop.
! codeer: added 2 codings of mini/EK for anna
? 0

# again: every hit is coded already, so nothing is added and the codings
# file stays byte for byte the same
$ cd p && cp codings/anna.tsv before.tsv && CODEER_CODER=anna codeer kwic -F 'Eigen kracht' --code EK --scope sentence --format tsv && cmp before.tsv codings/anna.tsv && echo unchanged
doc	turn	span	code	action	text
mini	t3	c110-126	mini/EK	skip	En eigen kracht?
mini	t4	c131-157	mini/EK	skip	Eigen kracht staat voorop.
unchanged
! codeer: added 0 codings of mini/EK for anna; 2 already coded, skipped
? 0

# the origin names the search; --coder wins over $CODEER_CODER; a turn
# holding several hits is coded once
$ cd p && CODEER_CODER=anna codeer kwic 'buurt' --code VB.NET --scope turn --coder bert --speaker R --doc mini | cut -f1-5 && codeer code list --coder bert | cut -f1-6
mini	t4	c131-276	mini/VB.NET	add
mini	t5	c281-429	mini/VB.NET	add
bert	mini	131	276	mini/VB.NET	kwic:buurt
bert	mini	281	429	mini/VB.NET	kwic:buurt
! codeer: added 2 codings of mini/VB.NET for bert
? 0

$ cd p && codeer kwic verbind --code VB --scope match --coder anna
mini	t1	c7-14	mini/VB	add	verbind
mini	t2	c33-40	mini/VB	add	verbind
mini	t2	c73-80	mini/VB	add	verbind
! codeer: added 3 codings of mini/VB for anna
? 0

# no hit: exit 1, nothing written
$ cd p && codeer kwic nergens --code VB --coder anna; echo "exit $?"
exit 1
! codeer: added 0 codings of mini/VB for anna
? 0

$ cd p && codeer kwic verbind --code NOPE --coder anna
! codeer: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

$ cd p && codeer kwic verbind --scope turn
! codeer kwic: --coder, --scope and --dry-run go with --code
! usage: codeer kwic [--width N] [--case-sensitive] [-F] [--doc ID]...
!                    [--case ID]... [--attr KEY=VALUE]... [--speaker NAME]...
!                    [--code CODE] [--coder NAME]
!                    [--scope match|sentence|paragraph|turn] [-n] [--format F]
!                    [-o FILE] PATTERN
? 2

# -F: the phrase is text, not a pattern ("(" needs no escape)
$ cd p && codeer kwic -F 'voor 80%' --width 10
s003-participant-5	t2	c298-306	cipant 5: 	voor 80%	 van de me
? 0

# ---- filters: the same on kwic, quotes, freq, matrix and cooccur
$ cd p && codeer kwic 'buurt' --width 10 --attr gemeente=Utrecht --speaker r
mini	t4	c176-181	erk in de 	buurt	 helpt ech
mini	t4	c270-275	 zoals de 	buurt	.
mini	t5	c423-428	aac in de 	buurt	.
? 0

$ cd p && codeer kwic 'mensen' --width 10 --speaker I
mini	t1	c18-24	erbindt u 	mensen	?
? 0

$ cd p && codeer kwic 'mensen' --attr gemeente=Zeist --attr gemeente=Utrecht --width 5 | cut -f1,2
mini	t1
s003-participant-5	t1
s003-participant-5	t2
? 0

$ cd p && codeer kwic 'mensen' --case s003-participant-5 --doc mini; echo "exit $?"
exit 1
? 0

$ cd p && codeer kwic mensen --attr plaats=Zeist
! codeer: no case attribute 'plaats' in the project (see 'codeer cases')
? 2

$ cd p && codeer kwic mensen --attr gemeente
! codeer: attribute filter 'gemeente' is not KEY=VALUE
? 2

$ cd p && codeer quotes VB --doc nope
! codeer: no document 'nope' in the project (see 'codeer docs')
? 2

$ cd p && codeer quotes VB --case nope
! codeer: no case 'nope' in the project (see 'codeer cases')
? 2

$ cd p && codeer quotes VB --speaker I --coder anna
mini t1 I c7-14 mini/VB [anna]
  verbind

1 segment coded mini/VB
? 0

$ cd p && codeer quotes VB --speaker Participant --coder anna
! codeer: no segments coded mini/VB by anna within the filters given
? 1

# the tables carry case, time and a column per case attribute
$ cd p && codeer quotes EK --format tsv
doc	case	turn	speaker	time	start	end	code	coder	text	memo	gemeente	rol
mini	mini	t3	I		110	126	mini/EK	anna	En eigen kracht?		Utrecht	bewoner
mini	mini	t4	R		131	157	mini/EK	anna	Eigen kracht staat voorop.		Utrecht	bewoner
? 0

$ cd p && codeer quotes EK --speaker R --format json
[
 {"doc": "mini", "case": "mini", "turn": "t4", "speaker": "R", "time": null, "start": 131, "end": 157, "code": "mini/EK", "coder": "anna", "text": "Eigen kracht staat voorop.", "memo": null, "gemeente": "Utrecht", "rol": "bewoner"}
]
? 0

$ cd p && codeer freq --coder all
code	label	segments	docs	cases	words
mini/VB	Verbinden	3	1	1	3
mini/VB.NET	Netwerk in de buurt	2	1	1	31
mini/EK	Eigen kracht	2	1	1	7
? 0

$ cd p && codeer freq --coder all --speaker I
code	label	segments	docs	cases	words
mini/VB	Verbinden	1	1	1	1
mini/EK	Eigen kracht	1	1	1	3
? 0

$ cd p && codeer matrix --coder all --rows speaker --speaker R
speaker	mini/VB	mini/VB.NET	mini/EK	total
R	2	2	1	5
total	2	2	1	5
? 0

# rows the filter leaves out are not made, even with --all
$ cd p && codeer matrix --coder all --rows doc --attr rol=bewoner --all
doc	mini/VB	mini/VB.NET	mini/EK	mini/HAND	total
mini	3	2	2	0	7
total	3	2	2	0	7
? 0

# a share is of the words the filter keeps: R's words in mini
$ cd p && codeer matrix --coder anna --rows doc --cell share --speaker R --codes EK
doc	mini/EK	total
mini	9.3	9.3
total	9.3	9.3
? 0

$ cd p && codeer cooccur --coder all --within turn --speaker R
code	mini/VB	mini/VB.NET	mini/EK
mini/VB	1	0	0
mini/VB.NET	0	2	1
mini/EK	0	1	1
? 0

$ cd p && codeer cooccur --coder all --within turn --speaker I
code	mini/VB	mini/EK
mini/VB	1	0
mini/EK	0	1
? 0

# ---- quotes A --and B: segments of A that overlap a segment of B
$ cd p && codeer quotes EK --and VB.NET
mini t4 R c131-157 mini/EK [anna]
  Eigen kracht staat voorop.

1 segment coded mini/EK
? 0

$ cd p && codeer quotes VB --and EK --coder anna
! codeer: no segments coded mini/VB overlapping mini/EK by anna
? 1

# --near B --within N: at most N words between the two segments; from the
# end of "internetverbinding" (anna's VB) to "En eigen kracht?" (EK) are 7:
# "ing in de wijk is slecht. I:"
$ cd p && codeer quotes EK --near VB --no-children --within 6 --format tsv | cut -f1,3,6-8
doc	turn	start	end	code
! codeer: no segments coded mini/EK within 6 words of mini/VB
? 1

$ cd p && codeer quotes EK --near VB --no-children --within 7 --format tsv | cut -f1,3,6-8
doc	turn	start	end	code
mini	t3	110	126	mini/EK
? 0

# with its subcodes, VB takes in bert's VB.NET in turns 4 and 5
$ cd p && codeer quotes EK --near VB --within 1 | tail -1
2 segments coded mini/EK
? 0

$ cd p && codeer quotes EK --and VB --near VB
! codeer quotes: give --and or --near, not both
! usage: codeer quotes [--doc ID]... [--case ID]... [--attr KEY=VALUE]...
!                      [--speaker NAME]... [--coder NAME] [--no-children]
!                      [--and CODE2] [--near CODE2] [--within N] [--format F]
!                      [-o FILE] CODE
? 2

$ cd p && codeer quotes EK --within 3
! codeer quotes: --within goes with --near
! usage: codeer quotes [--doc ID]... [--case ID]... [--attr KEY=VALUE]...
!                      [--speaker NAME]... [--coder NAME] [--no-children]
!                      [--and CODE2] [--near CODE2] [--within N] [--format F]
!                      [-o FILE] CODE
? 2

# The tables of the seed studies, made by codeer, against the numbers the
# studies print (docs/studies.md). Seed 000: Tabels 4 to 10 cross a
# judgement collapsed to wel/geen with a case attribute. The thesis prints
# the counts, not each case's attribute: tests/data/maatwerk/README.md says
# which attributes the text gives (geestelijke problemen: cases 1.3 and
# 4.1) and how the others were chosen to fit the printed margins.

$ codeer init p >/dev/null && cd p && cut -f1-3 "$DATA/maatwerk/tabel3.tsv" > judged.tsv && codeer score import judged.tsv && codeer cases import "$DATA/maatwerk/tabel4-10-cases.tsv" && codeer scheme add "$CODEER_SRCDIR/codeschemes/maatwerk.xml" >/dev/null
36 values set by hand
18 cases
? 0

# Tabel 4: Geen maatwerk 3 3, Wel maatwerk 7 5, Totaal 10 8
$ cd p && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items maatwerk-wg --crosstab problematiek --format table
item         value  enkelvoudig  meervoudig
maatwerk-wg  geen             3           3
maatwerk-wg  wel              7           5
maatwerk-wg  total           10           8
? 0

# Tabel 5: Geen eigenaarschap 6 1, Wel eigenaarschap 10 1, Totaal 16 2
$ cd p && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items eigenaarschap-wg --crosstab geestelijk --format tsv
item	value	geen	wel
eigenaarschap-wg	geen	6	1
eigenaarschap-wg	wel	10	1
eigenaarschap-wg	total	16	2
? 0

# Tabels 6 to 10: professionals' questionnaire answers, one professional
# without them (3 cases fewer), Tabel 8 with 9 cases
$ cd p && R="$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" && codeer score $R --items eigenaarschap-wg --crosstab paternalisme --format plain && codeer score $R --items maatwerk-wg --crosstab tijd --format plain && codeer score $R --items maatwerk-wg --crosstab financien --format plain && codeer score $R --items passendheid-wg --crosstab informatie --format plain && codeer score $R --items passendheid-wg --crosstab bevoegdheden --format plain
eigenaarschap-wg	geen	3	4
eigenaarschap-wg	wel	3	5
eigenaarschap-wg	total	6	9
maatwerk-wg	geen	4	2
maatwerk-wg	wel	5	4
maatwerk-wg	total	9	6
maatwerk-wg	geen	3	0
maatwerk-wg	wel	3	3
maatwerk-wg	total	6	3
passendheid-wg	geen	6	3
passendheid-wg	wel	3	3
passendheid-wg	total	9	6
passendheid-wg	geen	5	4
passendheid-wg	wel	4	2
passendheid-wg	total	9	6
? 0

$ cd p && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items maatwerk-wg --crosstab nope 2>&1 | sed "s|$CODEER_SRCDIR/||"
codeer: codeschemes/maatwerk-score.rules: no item or case attribute 'nope'
? 2

$ cd p && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --crosstab problematiek 2>&1 | sed -n 1p
codeer score: --crosstab needs --items: the items to count
? 2

# Tabel 14 in its layout (a row per item, a column per dossier): the
# sub-judgements roll up where they agree; a mixed case stays empty for
# the coder to judge, and a hand value wins
$ cd p && printf 'case\tbeeld-probleem\taanpak-probleem\tbeeld-draagkracht\taanpak-draagkracht\te1\te2\n7.1\tja\tja\tja\tja\tja\tja\n7.2\tja\tnee\tja\tbeperkt\tnee\tnee\n' > t14.tsv && codeer score import t14.tsv >/dev/null && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --transpose --items beeld-probleem,aanpak-probleem,p1,beeld-draagkracht,aanpak-draagkracht,p2,passendheid,e1,e2,eigenaarschap,maatwerk --format tsv | cut -f1,20,21
item	7.1	7.2
beeld-probleem	ja	ja
aanpak-probleem	ja	nee
p1	ja	nee
beeld-draagkracht	ja	ja
aanpak-draagkracht	ja	beperkt
p2	ja	
passendheid	Volledig	
e1	ja	nee
e2	ja	nee
eigenaarschap	Volledig	Geen
maatwerk	Volledig	
? 0

$ cd p && codeer score set 7.2 passendheid Beperkt && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items passendheid,eigenaarschap,maatwerk --format plain | grep '^7.2'
7.2	Beperkt	Geen	Nauwelijks
? 0

# Tabel 13 for Professional 1, D4 (case 1.1): points set by hand as the
# thesis prints them; 8 (inspraak over de aanpak) and 9 (draagkracht/
# draaglast) follow from the codes of the dossier (H3 samenspraak; DLP2,
# DLP6 and APN)
$ cd p && printf 'R: Veel samenspraak met de cliënt over de aanpak.\nR: Vervoersvoorziening en een vrijwilliger.\nR: Ik probeer de autonomie te versterken en zet een instelling in.\n' > d4.txt && codeer add --case 1.1 d4.txt >/dev/null && codeer code add --coder eva d4 t1 maatwerk/H3 >/dev/null && codeer code add --coder eva d4 t2 maatwerk/DLP2 >/dev/null && codeer code add --coder eva d4 t2 maatwerk/DLP6 >/dev/null && codeer code add --coder eva d4 t3 maatwerk/APN >/dev/null && codeer score import "$DATA/maatwerk/tabel13.tsv" && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-samenvatting.rules" --coder eva --transpose --items persoonlijke-achtergrond,hulpvraag,inspraak-hulpvraag,beeld-van-draagkracht,inspraak-draagkracht,aanpak-hulpvraag,aanpak-op-draagkracht,inspraak-aanpak,gericht-op,zelf-of-doorverwijzen --format tsv | cut -f1,2
9 values set by hand
item	1.1
persoonlijke-achtergrond	Kort
hulpvraag	Instrumenteel
inspraak-hulpvraag	Nee
beeld-van-draagkracht	Ja
inspraak-draagkracht	Samenspraak
aanpak-hulpvraag	Instrumenteel; onvolledig
aanpak-op-draagkracht	1/4 via het versterken van de autonomie
inspraak-aanpak	Ja
gericht-op	Beide
zelf-of-doorverwijzen	Samen met *instelling*
? 0

# Tabel 16: the method per part of draagkracht, by hand
$ cd p && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-methoden.rules" --coder eva --items methode-netwerk,empathie --format plain | grep '^1.1'
1.1	Autonomieversterking	nee
? 0

# Seed 004, Tabel 8: baken means from the 24 statements. The appendix
# prints each statement's mean per year rounded to one decimal (lines
# 6621-6690); one respondent per year with those means gives each baken's
# mean within 0.05 of Tabel 8 for 2016 and 2017 (2015 lacks seven
# statements and differs by up to 0.10).
$ codeer init b >/dev/null && cd b && cut -f1,2 "$DATA/bakens-zelfscore.tsv" > c.tsv && cut -f1,3- "$DATA/bakens-zelfscore.tsv" > s.tsv && codeer cases import c.tsv && codeer score import s.tsv && codeer score "$CODEER_SRCDIR/codeschemes/bakens-zelfscore.rules" --crosstab jaar --items baken-1,baken-2,baken-3,baken-4,baken-5,baken-6,baken-7,baken-8 --format tsv > t8.tsv && grep mean t8.tsv
3 cases
65 values set by hand
baken-1	mean	4.55	4.70	4.55
baken-2	mean	4.65	4.65	4.55
baken-3	mean	3.60	3.67	3.91
baken-4	mean	3.60	3.40	3.73
baken-5	mean	3.60	3.55	3.80
baken-6	mean	3.85	3.93	4.37
baken-7	mean	4.70	4.33	4.47
baken-8	mean	4.80	4.75	4.70
? 0

$ cd b && printf '4.71 4.55\n4.65 4.59\n3.70 3.96\n3.36 3.71\n3.56 3.82\n3.95 4.35\n4.36 4.45\n4.76 4.74\n' > printed && grep mean t8.tsv | cut -f4,5 | paste - printed | awk '{ for (i = 1; i <= 2; i++) { d = $i - $(i + 2); if (d < 0) d = -d; if (d > 0.05) bad++ } } END { print (bad ? bad " off" : "Tabel 8 2016 and 2017: every baken within 0.05") }'
Tabel 8 2016 and 2017: every baken within 0.05
? 0

# Rule precision against the hand coder coder-b (corpora/codings/README.md
# says how coder-b was made): per rule, its proposals in the documents
# coder-b coded, how many coder-b also coded, and the share each way
$ codeer init r >/dev/null && cd r && codeer add "$CORPORA"/*.txt >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/empowerment.xml "$CODEER_SRCDIR"/codeschemes/verbinden.xml "$CODEER_SRCDIR"/codeschemes/generalist-models.xml >/dev/null && codeer autocode >/dev/null && codeer code import --coder coder-b "$CORPORA/codings/coder-b.tsv" >/dev/null 2>&1 && codeer scheme check --against coder-b empowerment
rule	proposals	hits	precision	coded	found	recall	f1
empowerment/EMP#r1	0	0		2	0	0.00	
empowerment/EMP.EK#r1	29	4	0.14	13	3	0.23	0.17
empowerment/EMP.EK#r2	2	2	1.00	13	2	0.15	0.27
empowerment/EMP.ZR#r1	0	0		3	0	0.00	
empowerment/EMP.ZR#r2	1	0	0.00	3	0	0.00	0.00
empowerment/EMP.RG#r1	5	3	0.60	5	3	0.60	0.60
? 0

$ cd r && codeer scheme check --against nobody
! codeer: no coder 'nobody' in the project
? 2

$ cd r && codeer scheme check --against coder-b nope
! codeer: no scheme 'nope' in the project
? 2

# Seed 001, Table 4.5 from codings (hand-checked data; the report counts
# questionnaire answers, not codings): four cases; IV.1 with the
# professional and the netwerk on its segment (case 1), with the
# professional alone (case 2), with the professional on another turn
# (case 3, not involved); IV.2 with the voorliggend veld (case 2). IV.1:
# 3 of 4, the professional in 2 of 3, alone in 1 of 2, actors 2, 1 and 0,
# a mean of 1.00; IV.3 in no case: its shares are undefined
$ codeer init d >/dev/null && cd d && for i in 1 2 3 4; do printf "R: Dossier $i: de professional en de buurvrouw.\n\nR: Verder.\n" > c$i.txt; done && codeer add c1.txt c2.txt c3.txt c4.txt >/dev/null && codeer scheme add "$CODEER_SRCDIR/codeschemes/draagkracht.xml" >/dev/null && A="codeer code add --coder eva" && $A c1 t1 IV.1 >/dev/null && $A c1 t1 AC.PRO >/dev/null && $A c1 t1 AC.NW >/dev/null && $A c2 t1 IV.1 >/dev/null && $A c2 t1 AC.PRO >/dev/null && $A c2 t2 IV.2 >/dev/null && $A c2 t2 AC.VV >/dev/null && $A c3 t1 IV.1 >/dev/null && $A c3 t2 AC.PRO >/dev/null && codeer involvement --codes "IV.1, IV.2, IV.3" --actors "AC.PRO, AC.NW, AC.VV, AC.SZ" --format table
code              cases  with  with %  self  self %  solo  solo %  partners
draagkracht/IV.1      4     3      75     2      67     1      50      1.00
draagkracht/IV.2      4     1      25     0       0     0              1.00
draagkracht/IV.3      4     0       0     0             0                  
! codeer: counting the codings of coder eva
? 0

$ cd d && codeer involvement --codes "IV.1, IV.2" --actors "AC.PRO, AC.NW, AC.VV, AC.SZ" --format json 2>/dev/null
[
 {"code": "draagkracht/IV.1", "cases": 4, "with": 3, "with %": 75, "self": 2, "self %": 66.66666666666667, "solo": 1, "solo %": 50, "partners": 1},
 {"code": "draagkracht/IV.2", "cases": 4, "with": 1, "with %": 25, "self": 0, "self %": 0, "solo": 0, "solo %": null, "partners": 1}
]
? 0

# a code with its subtree is one row: any intervention
$ cd d && codeer involvement --codes "IV+" --actors AC.PRO --format tsv 2>/dev/null
code	cases	with	with %	self	self %	solo	solo %	partners
draagkracht/IV	4	3	75	2	67	2	100	0.67
? 0

$ cd d && codeer involvement --codes IV.1
! codeer involvement: --actors is required: the actor codes, the professional first
! usage: codeer involvement [--codes LIST] [--actors LIST] [--coder NAME]
!                           [--format F] [-o FILE]
? 2

$ cd d && codeer involvement --codes IV.9 --actors AC.PRO --coder eva
! codeer: no code 'IV.9' in the project's schemes (see 'codeer codes')
? 2

# Seed 001, the four groups of draagkracht from the two scales of Tabel
# 2.1 (the means of 8 and 7 items) cut at 3.5 (hand-checked: 20/8 = 2.50
# and 14/7 = 2.00; 30/8 = 3.75 and 23/7 = 3.29; 31/8 = 3.875 and 25/7 = 3.57)
$ cd d && printf 'case\tpc1\tpc2\tpc3\tpc4\tpc5\tpc6\tpc7\tpc8\tsk1\tsk2\tsk3\tsk4\tsk5\tsk6\tsk7\nc1\t2\t2\t3\t3\t2\t3\t2\t3\t2\t2\t1\t2\t3\t2\t2\nc2\t3\t3\t3\t3\t3\t3\t3\t3\t4\t4\t4\t4\t4\t4\t4\nc3\t4\t4\t4\t4\t4\t4\t3\t3\t3\t4\t3\t3\t3\t4\t3\nc4\t5\t4\t4\t4\t4\t3\t3\t4\t4\t4\t3\t3\t4\t3\t4\n' > z.tsv && codeer score import z.tsv && codeer score "$CODEER_SRCDIR/codeschemes/draagkracht-typologie.rules" --coder eva --items pc,sk,competenties,sociaal-kapitaal,typologie --format table
60 values set by hand
case  pc    sk    competenties  sociaal-kapitaal  typologie
c1    2.50  2.00  zwak          zwak              1 zwakke draagkracht
c2    3.00  4.00  zwak          sterk             2 enkelvoudig sociaal kapitaal
c3    3.75  3.29  sterk         zwak              3 enkelvoudig competenties
c4    3.88  3.57  sterk         sterk             4 dubbele draagkracht
? 0

$ cd d && printf 'case\tgemeente\nc1\tArnhem\nc2\tArnhem\nc3\tEde\nc4\tEde\n' > g.tsv && codeer cases import g.tsv >/dev/null && codeer score "$CODEER_SRCDIR/codeschemes/draagkracht-typologie.rules" --coder eva --items typologie --crosstab gemeente --format plain
typologie	1 zwakke draagkracht	1	0
typologie	2 enkelvoudig sociaal kapitaal	1	0
typologie	3 enkelvoudig competenties	0	1
typologie	4 dubbele draagkracht	0	1
typologie	total	2	2
? 0

# Seed 001 in the shipped corpus: the scheme's proposals for case 7 (the
# goal of a GGZ treatment "vanuit het gebiedsteam"); "voorliggend voor
# mevrouw" is no voorliggend veld
$ codeer init s >/dev/null && cd s && codeer add "$CORPORA"/s001-*.txt >/dev/null && codeer scheme add "$CODEER_SRCDIR/codeschemes/draagkracht.xml" >/dev/null && codeer autocode >/dev/null && codeer code list --coder auto --doc s001-case-7 --format tsv | tail -n +2 | cut -f5 | sort | uniq -c
      1 draagkracht/AC.PRO
      2 draagkracht/AC.SZ
      1 draagkracht/DK.NW
      1 draagkracht/DL.6
? 0

# Seed 000 per dossier: the shipped corpus links the dossiers 1.1 to 6.3
# to the turns that quote them (corpora/cases.tsv); a coding counts for
# the dossier whose turns hold its start, so a matrix and a score run per
# dossier, not per professional.
$ codeer init c >/dev/null && cd c && codeer add "$CORPORA"/s000-*.txt >/dev/null && grep -E '^(case|[1-6]\.[1-3])	' "$CORPORA/cases.tsv" > dossiers.tsv && codeer cases import dossiers.tsv && codeer scheme add "$CODEER_SRCDIR/codeschemes/maatwerk.xml" >/dev/null && for c in "s000-professional-1 t1 maatwerk/H3" "s000-professional-1 t2 maatwerk/H4" "s000-professional-4 t2 maatwerk/H4" "s000-professional-4 t3 maatwerk/DLP2" "s000-professional-6 t1 maatwerk/H5" "s000-professional-6 t2 maatwerk/H3"; do codeer code add --coder eva $c >/dev/null || exit 1; done && codeer matrix --coder eva --rows case --codes "maatwerk/H3, maatwerk/H4, maatwerk/H5, maatwerk/DLP2" --format tsv 2>/dev/null
24 cases
case	maatwerk/H3	maatwerk/H4	maatwerk/H5	maatwerk/DLP2	total
1.1	1	0	0	0	1
1.3	0	1	0	0	1
4.2	0	1	0	0	1
4.3	0	0	0	1	1
6.1	1	0	1	0	2
total	2	2	1	1	6
? 0

$ cd c && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-samenvatting.rules" --coder eva --items inspraak-aanpak --format tsv | grep -E '^(case|1\.[13]|4\.[23]|6\.1)	'
case	inspraak-aanpak
1.1	Ja
1.3	Nee
4.2	Nee
4.3	
6.1	Ja
? 0

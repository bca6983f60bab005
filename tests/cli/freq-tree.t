# codeer freq --tree and --layout: Files (documents with a coding) and
# References (codings) per code in its place in the tree, own or
# aggregated over the subtree, with created and modified dates from
# codebook.log and the codings (docs/freq.md#the-code-tree).
#
# A hand-worked project: eva makes the codes while coding, each step at a
# time of its own. ORG (29 May) on a:t1; WD under ORG (30 May) on a:t1;
# WD on a:t2 and b:t1 (1 June); BUD at the top (2 June) on b:t1; BUD moved
# under ORG (3 June); WD renamed WERKDRUK (4 June). piet codes c:t1 with
# WERKDRUK, and a rejected proposal of auto on c:t1 never counts.
$ codeer init p >/dev/null && cd p && printf 'R: Eerste beurt over werkdruk.\n\nR: Tweede beurt over budget.\n' > a.txt && printf 'R: Nog een beurt.\n' > b.txt && printf 'R: Een derde document.\n' > c.txt && codeer add a.txt b.txt c.txt >/dev/null && A="codeer code add --coder eva" && SOURCE_DATE_EPOCH=1717000000 $A --new --label Organisatie a t1 ORG >/dev/null 2>&1 && SOURCE_DATE_EPOCH=1717100000 $A --new --label Werkdruk --under ORG a t1 WD >/dev/null 2>&1 && SOURCE_DATE_EPOCH=1717200000 $A a t2 WD >/dev/null && SOURCE_DATE_EPOCH=1717200000 $A b t1 WD >/dev/null && SOURCE_DATE_EPOCH=1717300000 $A --new --label Budget b t1 BUD >/dev/null 2>&1 && SOURCE_DATE_EPOCH=1717400000 codeer codes move BUD --under ORG >/dev/null && SOURCE_DATE_EPOCH=1717500000 codeer codes rename WD WERKDRUK >/dev/null && codeer code add --coder piet c t1 WERKDRUK >/dev/null && codeer code add --coder auto c t1 ORG >/dev/null && codeer code reject --coder auto c t1 ORG >/dev/null && codeer codes log
time	change	codings	coders
2024-05-29T16:26:40Z	add project/ORG	0	
2024-05-30T20:13:20Z	add project/WD under ORG	0	
2024-06-02T03:46:40Z	add project/BUD	0	
2024-06-03T07:33:20Z	move project/BUD project/ORG	0	
2024-06-04T11:20:00Z	rename project/WD project/WERKDRUK	3	eva 3
? 0

# Own codings: WERKDRUK is in 2 documents with 3 codings; it was created
# as WD (the rename keeps its birth) and last changed by the rename, after
# its last coding; BUD last changed when it moved
$ cd p && codeer freq --tree --coder eva --format table
name         files  references  created               modified              code
Organisatie      1           1  2024-05-29T16:26:40Z  2024-05-29T16:26:40Z  project/ORG
  Werkdruk       2           3  2024-05-30T20:13:20Z  2024-06-04T11:20:00Z  project/WERKDRUK
  Budget         1           1  2024-06-02T03:46:40Z  2024-06-03T07:33:20Z  project/BUD
? 0

# Aggregated: ORG counts its own coding and those below it, 5 codings in
# 2 documents (a holds ORG and WERKDRUK, b WERKDRUK and BUD: each once)
$ cd p && codeer freq --tree --aggregate --coder eva --format tsv
path	depth	code	name	files	references	created	modified
project/ORG	0	project/ORG	Organisatie	2	5	2024-05-29T16:26:40Z	2024-05-29T16:26:40Z
project/ORG/WERKDRUK	1	project/WERKDRUK	Werkdruk	2	3	2024-05-30T20:13:20Z	2024-06-04T11:20:00Z
project/ORG/BUD	1	project/BUD	Budget	1	1	2024-06-02T03:46:40Z	2024-06-03T07:33:20Z
? 0

# Both coders added up (the rejected proposal of auto does not count, so
# ORG has no coding of its own in c); a coding made later than the last
# change of its code dates the code's modification (piet's WERKDRUK, 25
# November 2025, the runner's SOURCE_DATE_EPOCH), not its parent's
$ cd p && codeer freq --tree --aggregate --coder all --format csv | tr -d "\r"
path,depth,code,name,files,references,created,modified
project/ORG,0,project/ORG,Organisatie,3,6,2024-05-29T16:26:40Z,2024-05-29T16:26:40Z
project/ORG/WERKDRUK,1,project/WERKDRUK,Werkdruk,3,4,2024-05-30T20:13:20Z,2025-11-25T00:00:00Z
project/ORG/BUD,1,project/BUD,Budget,1,1,2024-06-02T03:46:40Z,2024-06-03T07:33:20Z
? 0

# A filter narrows the codings counted; a code without codings stays when
# a code below it has one, so the tree keeps its branch; codebook.log
# dates a code whatever the filter
$ cd p && codeer freq --tree --coder eva --doc b --format plain
project/ORG	0	project/ORG	Organisatie	0	0	2024-05-29T16:26:40Z	2024-05-29T16:26:40Z
project/ORG/WERKDRUK	1	project/WERKDRUK	Werkdruk	1	1	2024-05-30T20:13:20Z	2024-06-04T11:20:00Z
project/ORG/BUD	1	project/BUD	Budget	1	1	2024-06-02T03:46:40Z	2024-06-03T07:33:20Z
? 0

$ cd p && codeer freq --tree --coder eva --doc c --format plain
? 0

$ cd p && codeer freq --tree --all --coder eva --doc c --format json
[
 {"path": "project/ORG", "depth": 0, "code": "project/ORG", "name": "Organisatie", "files": 0, "references": 0, "created": "2024-05-29T16:26:40Z", "modified": "2024-05-29T16:26:40Z"},
 {"path": "project/ORG/WERKDRUK", "depth": 1, "code": "project/WERKDRUK", "name": "Werkdruk", "files": 0, "references": 0, "created": "2024-05-30T20:13:20Z", "modified": "2024-06-04T11:20:00Z"},
 {"path": "project/ORG/BUD", "depth": 1, "code": "project/BUD", "name": "Budget", "files": 0, "references": 0, "created": "2024-06-02T03:46:40Z", "modified": "2024-06-03T07:33:20Z"}
]
? 0

# Merging into a new id keeps the birth of the first code merged and
# dates the merge; the merged span coded with both counts once
$ cd p && SOURCE_DATE_EPOCH=1717600000 codeer codes merge --into KOSTEN BUD WERKDRUK >/dev/null && codeer freq --tree --coder eva --format table
name         files  references  created               modified              code
Organisatie      1           1  2024-05-29T16:26:40Z  2024-05-29T16:26:40Z  project/ORG
  Budget         2           3  2024-06-02T03:46:40Z  2024-06-05T15:06:40Z  project/KOSTEN
? 0

# Markdown and HTML indent with no-break spaces, which they do not collapse
$ cd p && codeer freq --tree --coder eva --format md | sed -n 4p | grep -o $'\u00a0\u00a0Budget' | wc -l
1
? 0

# A speaker filter reads the turns: the interviewer's question counts, the
# answer after it (the last coding of the document) does not
$ codeer init q >/dev/null && cd q && printf 'I: Hoe zit het met de werkdruk?\n\nR: Die is hoog.\n' > z.txt && codeer add z.txt >/dev/null && codeer code add --coder eva --new z t1 WD >/dev/null 2>&1 && codeer code add --coder eva z t2 WD >/dev/null && codeer freq --tree --coder eva --speaker I --format plain && codeer freq --tree --coder eva --speaker R --format plain | cut -f5,6
project/WD	0	project/WD	WD	1	1	2025-11-25T00:00:00Z	2025-11-25T00:00:00Z
1	1
? 0

$ cd p && codeer freq --aggregate --coder eva
! codeer freq: --aggregate adds up a code's subtree: it goes with --tree
! usage: codeer freq [--coder NAME] [--scheme ID] [--all] [--tree] [--aggregate]
!                    [--layout FILE] [--doc ID]... [--case ID]...
!                    [--attr KEY=VALUE]... [--speaker NAME]... [--format F]
!                    [-o FILE]
? 2

# Seed 003 on the shipped corpus: the codeboom of Bijlage D, coded by the
# scheme's rules (the auto proposals; the corpus holds the passages the
# thesis quotes, 1 to 5 per participant, not the whole interviews)
$ codeer init s >/dev/null && cd s && codeer add "$CORPORA"/s003-*.txt >/dev/null && codeer scheme add "$CODEER_SRCDIR/codeschemes/op-weg-naar-maatwerk.xml" >/dev/null && codeer autocode >/dev/null 2>&1
? 0

# The tree as Bijlage D prints it (003_07a0d7fa66da33f3.txt lines
# 1027-1200): every node's depth and name in the codeboom's order, which
# is NVivo's order by name within each parent
$ cd s && codeer freq --tree --all --coder auto --format tsv | cut -f2,4
depth	name
0	0 - Professionaliteit
1	Autonomie
1	Doen wat nodig is
1	Eigenschappen professionaliteit
1	Kennis
1	Ontwikkeling professionaliteit
0	1 - Persoonlijke factoren
1	Belemmerende individuele factoren
2	Ervaring
2	Gebrek kennis
2	Geen motivatie
2	Terughoudend
1	Bevorderende individuele factoren
2	(pro-actief) Netwerken
2	Activistische kenmerken
2	Bepaalde mentaliteit
2	Betrokken
2	Creatief denken
2	Doorzettingsvermogen en motivatie
2	Durven en ruimte nemen
2	Ervaring werkveld
2	Gunfactor kan een rol spelen in maatw…
2	Kennis en nieuwsgierigheid
2	Luisteren en analyseren
2	Open blik hebben
2	Zelfverzekering uitstralen
1	Reacties
0	2 - Functie
0	3 - Institutionele factoren
1	10 - Visie maatwerk
2	Belemmerende visie
2	Bevorderende verandering
1	15 - Wet en regelgeving
2	Belemmerend
2	Bevorderend
1	6 - Politiek
2	Belemmerend
2	Bevorderend
0	4 - Organisatorische factoren
1	0 - Bevorderend
2	1 - Steun management
2	2 - Maatwerkbudget
2	3 - Verantwoording
2	4 - Escalatierroute
2	5 - Alle lagen organisatie
2	6 - Mandaat
2	7 - Cultuur organisatie
2	8 - Samenwerken
1	1 - Barrières
2	1 - Werkdruk en tekort
2	2 - Afgestraft worden
2	3 - Manager
2	5 - Structuur
2	6 - Cultuur
2	7 - Samenwerking
0	5 - Doorbraakmethode en lab
1	Positief over DBM
2	1,5 jaar coach en daarna opvolging
2	4 keer per jaar kennissessies
2	Als DB coach belangrijk dat je visie uitd…
2	Bij DBL niet gekeken naar goed of fout
2	Bij doorbraaklab mandaat tot 5000
2	DBM geeft houvast
2	DBM helpt om voor iedereen maatwerk…
2	DBM is een middel om verantwoord af…
2	DBM maakt het makkelijker om dingen…
2	Door de DBM is er veel mogelijk en te…
2	Doorbraak gaat over meer dan maatwe…
2	Doorbraakmethode was een verademin…
2	Fijn dat de DBM uitzonderingen laat zie…
2	Gebruik van de Doorbraakmethode
0	6 - Verbeteringen en oplossingen
? 0

# NVivo's aggregate view of the top of the tree
$ cd s && codeer freq --tree --aggregate --coder auto --format tsv | awk -F'\t' '$2 == 0' | cut -f4-6
0 - Professionaliteit	1	1
1 - Persoonlijke factoren	8	21
3 - Institutionele factoren	8	23
4 - Organisatorische factoren	10	15
5 - Doorbraakmethode en lab	2	2
? 0

# Tabel 2 (lines 626-631): factor by belemmerend/bevorderend, each cell
# counting the participants (files) and passages (references) of its codes
$ cd s && codeer freq --layout "$CODEER_SRCDIR/codeschemes/op-weg-overzicht.tsv" --coder auto --format tsv | awk -F'\t' '$2 <= 1' | cut -f1,5,6
Institutionele factoren	7	13
Institutionele factoren / Belemmerend	6	9
Institutionele factoren / Bevorderend	2	4
Organisatorische factoren	10	15
Organisatorische factoren / Belemmerend	6	8
Organisatorische factoren / Bevorderend	6	7
Individuele factoren	8	21
Individuele factoren / Belemmerend	1	1
Individuele factoren / Bevorderend	8	20
? 0

# The thesis counts the participants who raised a theme (lines 474-608:
# "Twaalf participanten ...", "Acht participanten ..."). The corpus holds
# only the passages it quotes, so no count can be reproduced; but a code
# proposed in more participants than the thesis names would be a false
# positive, so none may exceed it
$ cd s && printf 'IN.visie.bev\t12\nOR.bar.afgestraft\t8\nOR.bar.manager\t5\nOR.bar.werkdruk\t12\nOR.bev.management\t16\nOR.bev.samenwerken\t8\nOR.bev.lagen\t12\nPE.bel.ervaring\t6\nPE.bel.kennis\t9\nPE.bel.terughoudend\t8\nPE.bev.netwerken\t11\nPE.bev.doorzetting\t7\nPE.bev.durven\t8\nPE.bev.zelfverzekerd\t4\nPE.bev.openblik\t7\nPE.bev.luisteren\t6\n' > printed.tsv && codeer freq --tree --all --coder auto --format tsv | awk -F'\t' 'NR == FNR { p[$1] = $2; next } { sub(/.*\//, "", $3) } ($3 in p) { n++; if ($5 > p[$3]) { print $3 ": " $5 " participants, the thesis names " p[$3]; bad++ } } END { if (!bad) print n " codes, each in no more participants than the thesis names" }' printed.tsv -
16 codes, each in no more participants than the thesis names
? 0

# The same layout as a cross-section: a row per participant
$ cd s && codeer crosssection "$CODEER_SRCDIR/codeschemes/op-weg-overzicht.tsv" --coder auto --format tsv | cut -f1,7
case	Individuele factoren / Bevorderend
s003-participant-1	PE.bev.durven, PE.bev.luisteren, PE.bev.openblik
s003-participant-10	
s003-participant-11	
s003-participant-12	PE.bev.durven
s003-participant-13	PE.bev.luisteren
s003-participant-14	PE.bev.doorzetting
s003-participant-16	
s003-participant-2	PE.bev.netwerken, PE.bev.doorzetting, PE.bev.openblik
s003-participant-3	
s003-participant-4	PE.bev.durven, PE.bev.creatief
s003-participant-5	PE.bev.durven
s003-participant-6	
s003-participant-7	
s003-participant-8	
s003-participant-9	PE.bev.netwerken
? 0

$ cd s && printf 'column\tsubcolumn\tcodes\nIndividuele factoren\tBelemmerend\tPE.bel.nope\n' > bad.tsv && codeer freq --layout bad.tsv --coder auto
! codeer: bad.tsv:2: no code 'PE.bel.nope' in the project's schemes (see 'codeer codes')
? 2

$ cd s && codeer freq --layout bad.tsv --scheme op-weg-naar-maatwerk --coder auto
! codeer freq: --layout names its codes, of any scheme: it goes without --scheme
! usage: codeer freq [--coder NAME] [--scheme ID] [--all] [--tree] [--aggregate]
!                    [--layout FILE] [--doc ID]... [--case ID]...
!                    [--attr KEY=VALUE]... [--speaker NAME]... [--format F]
!                    [-o FILE]
? 2

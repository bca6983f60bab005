# codeer score: the matrix maatwerk of seed 000. Tabel 3 (18 cases) gives
# each case's passendheid and eigenaarschap as judged in the thesis; the
# shipped rules derive maatwerk through Tabel 15, and every case must come
# out as Tabel 3 prints it.

$ codeer init p >/dev/null && cd p && cut -f1-3 "$DATA/maatwerk/tabel3.tsv" > judged.tsv && codeer score import judged.tsv && codeer scheme add "$CODEER_SRCDIR/codeschemes/maatwerk.xml" >/dev/null
36 values set by hand
? 0

$ cd p && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items maatwerk --format tsv > derived.tsv && cut -f1,4 "$DATA/maatwerk/tabel3.tsv" | diff - derived.tsv && echo "Tabel 3: all 18 cases as printed"
Tabel 3: all 18 cases as printed
? 0

$ cd p && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items passendheid,eigenaarschap,maatwerk --format table | head -4
case  passendheid  eigenaarschap  maatwerk
1.1   Volledig     Volledig       Volledig
1.2   Volledig     Volledig       Volledig
1.3   Beperkt      Geen           Nauwelijks
? 0

# a value set by hand wins over the derivation
$ cd p && codeer score set 1.3 maatwerk Geen && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items maatwerk --format tsv | grep '^1.3'
1.3	Geen
? 0

# indicators from codes: presence and counts per case
$ cd p && printf 'R: De vraag achter de vraag.\n' > d.txt && codeer add --case 2.1 d.txt >/dev/null && codeer code add --coder anna d t1 maatwerk/H1 >/dev/null && for c in DLP1 DLP2 DLP3; do codeer code add --coder anna d t1 maatwerk/$c >/dev/null; done && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items vraagverheldering,draaglast --format tsv | grep -E '^(2.1|1.1)	'
2.1	ja	veel
1.1	nee	geen
! codeer: counting the codings of coder anna
? 0

# a second coder's codings are not added up silently: draaglast counts
# codings, and bob's DLP1 next to anna's would count the passage twice
$ cd p && codeer code add --coder bob d t1 maatwerk/DLP1 >/dev/null && codeer score "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items draaglast
! codeer: the project has codings of 2 coders (anna, bob): name the coder to count, or all of them (--coder NAME, or --coder all to add them up)
? 2

$ cd p && codeer score --coder bob "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items vraagverheldering,draaglast | grep '^2.1'
2.1	nee	enige
? 0

# piped: TSV with a header; JSON is one document (-o by extension) where
# a value that cannot be decided is null: nobody judged the passendheid
# of the new case 9.9
$ cd p && printf 'R: Nog een gesprek.\n' > e.txt && codeer add --case 9.9 e.txt >/dev/null && codeer score --coder all "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items draaglast | sed -n 1,1p && codeer score --coder all "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items draaglast,passendheid -o s.json && python3 -c 'import json; d=json.load(open("s.json")); print(len(d), [r for r in d if r["case"] in ("2.1", "9.9")])'
case	draaglast
19 [{'case': '2.1', 'draaglast': 'veel', 'passendheid': 'Beperkt'}, {'case': '9.9', 'draaglast': 'geen', 'passendheid': None}]
? 0

$ cd p && codeer score --coder nobody "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules"
! codeer: no coder 'nobody' in the project (coders: anna, bob)
? 2

# bad input
$ cd p && codeer score set 1.2 passendheid Goed && codeer score --coder anna "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules"
! codeer: scores.tsv: case 1.2: 'Goed' is not a value of 'passendheid' (Volledig, Beperkt, Geen)
? 2

$ cd p && codeer score --coder anna "$DATA/score/cycle.rules" 2>&1 | sed "s|$DATA/||"
codeer: score/cycle.rules: the rules go round in a cycle: a -> b -> a
? 2

$ cd p && codeer score --coder anna "$DATA/score/unknown.rules" 2>&1 | sed "s|$DATA/||"
codeer: score/unknown.rules:2: 'a' uses the unknown item 'nope'
? 2

$ cd p && codeer score --coder anna "$DATA/score/arity.rules" 2>&1 | sed "s|$DATA/||"
codeer: score/arity.rules:5: 1 value for 2 inputs (c)
? 2

# --items is a comma list (spaces trimmed); set and import are
# subcommands with their own arguments
$ cd p && codeer score set 1.2 passendheid '' && codeer score --coder anna "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items "passendheid, maatwerk" --format tsv | grep -E "^(case|1\.1)	"
case	passendheid	maatwerk
1.1	Volledig	Volledig
? 0

$ cd p && codeer score --coder anna "$CODEER_SRCDIR/codeschemes/maatwerk-score.rules" --items "passendheid, nope" 2>&1 | sed "s|$CODEER_SRCDIR/||"
codeer: codeschemes/maatwerk-score.rules: no item 'nope'
? 2

$ cd p && codeer score set 1.2 passendheid
! codeer score set: missing arguments: CASE ITEM VALUE
! usage: codeer score set CASE ITEM VALUE
? 2

$ cd p && codeer score import a.tsv b.tsv
! codeer score import: unexpected argument 'b.tsv'
! usage: codeer score import FILE.tsv
? 2

$ cd p && codeer score
! codeer score: missing arguments: RULES
! usage: codeer score [--coder NAME] [--items A,B] [--crosstab NAME]
!                     [--transpose] [--format F] [-o FILE] RULES
!        codeer score set CASE ITEM VALUE
!        codeer score import FILE.tsv
? 2

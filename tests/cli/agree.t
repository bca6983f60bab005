# codeer agree on tests/data/mini.txt: the rules (coder auto) against a
# hand coder (anna), checked by hand: VB and EK agree on all 5 turns;
# VB.NET is t4 for auto and t5 for anna, so 3 of 5 turns agree,
# kappa = (0.6 - 0.68)/(1 - 0.68) = -0.25, alpha = 1 - 0.4/(32/90) = -0.125.
# Worst first by alpha; VB and EK tie at 1, so they go by code id.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder anna mini $t >/dev/null; done
? 0

$ cd p && codeer agree --coders auto,anna --format table
coders: auto, anna; unit: turn; 1 document

Per code, worst first
code         units  coded  agree   kappa    alpha
mini/VB.NET      5      2   60.0%  -0.2500  -0.1250
mini/EK          5      1  100.0%   1.0000   1.0000
mini/VB          5      2  100.0%   1.0000   1.0000

All codes together
coefficient                    value   se      ci_low  ci_high  units  note
percent agreement              0.8667                              15  
Holsti's coefficient           0.8667                              15  
Cohen's kappa                  0.6591  0.2211                      15  
Scott's pi                     0.6591                              15  
Fleiss' kappa                  0.6591                              15  
Conger's kappa                 0.6591  0.2289                      15  
Brennan-Prediger kappa         0.7333                              15  
Gwet's AC1                     0.7810                              15  
Krippendorff's alpha, nominal  0.6705                              15  
? 0

# csv and tsv print one table: with --show-disagreements, the disagreements
$ cd p && codeer agree --coders auto,anna --show-disagreements --format tsv | cut -f1-7
code	doc	turn	speaker	span	auto	anna
mini/VB.NET	mini	t4	R	c131-276	yes	no
mini/VB.NET	mini	t5	R	c281-429	no	yes
? 0

# a bootstrap interval is the same for the same seed
$ cd p && codeer agree --coders auto,anna --bootstrap 500 --seed 42 --format csv > a.csv && codeer agree --coders auto,anna --bootstrap 500 --seed 42 --format csv > b.csv && cmp a.csv b.csv && grep -c "^(all codes),Cohen's kappa,0.6591,0.2211,-0.0714,1.0000,15,5," a.csv
1
? 0

# only-coded units: uncoded turns no longer count as agreement
$ cd p && codeer agree --coders auto,anna --only-coded --codes VB.NET --format tsv | cut -f1-3,7,8 | head -4
code	coefficient	value	units	coded
mini/VB.NET	percent agreement	0.0000	2	2
mini/VB.NET	Holsti's coefficient	0.0000	2	2
mini/VB.NET	Cohen's kappa	-1.0000	2	2
? 0

# a consensus coder: what both coded
$ cd p && codeer agree --merge auto,anna --into both --rule both && codeer code list --coder both | cut -f2-6
3 codings written for coder both
mini	7	15	mini/VB	consensus:both:auto+anna
mini	33	40	mini/VB	consensus:both:auto+anna
mini	131	276	mini/EK	consensus:both:auto+anna
? 0

# a consensus never replaces codings silently: both has 3, refused, kept
$ cd p && codeer agree --merge auto,anna --into both --rule either; echo "exit $?"; codeer code list --coder both | wc -l
exit 2
3
! codeer: coder 'both' already has 3 codings, which the consensus would replace: choose another name for --into, or add --force to replace them
? 0

# nor a hand coder's codings (anna's 4, into which auto and both would merge)
$ cd p && codeer agree --merge auto,both --into anna
! codeer: coder 'anna' already has 4 codings, which the consensus would replace: choose another name for --into, or add --force to replace them
? 2

# --force replaces them. either: VB where auto or anna coded it (anna's
# turns t1 3-25 and t2 30-105 hold auto's VB codings), EK at t4 (both),
# VB.NET at auto's 158-211 and anna's t5
$ cd p && codeer agree --merge auto,anna --into both --rule either --force && codeer code list --coder both | cut -f2-5
5 codings written for coder both
mini	3	25	mini/VB
mini	30	105	mini/VB
mini	131	276	mini/EK
mini	158	211	mini/VB.NET
mini	281	429	mini/VB.NET
? 0

# the rules' coder is never overwritten, not even with --force
$ cd p && codeer agree --merge anna,both --into auto --force; echo "exit $?"; codeer code list --coder auto | wc -l
exit 2
4
! codeer: coder 'auto' holds the codings of the rules (codeer autocode rewrites them); a consensus is never written into it, not even with --force: choose another name
? 0

$ cd p && codeer agree --coders auto,anna --force
! codeer agree: --force is for --merge (it lets the consensus replace a coder's codings)
! usage: codeer agree [--coders A,B,...] [--codes C1,C2,...] [--docs D1,D2,...]
!                     [--all-docs] [--unit U] [--overlap P] [--only-coded]
!                     [--by case|doc] [--exclusive GROUP] [--show-disagreements]
!                     [--bootstrap N] [--seed S] [--digits N] [--unitizing]
!                     [--table FILE] [--layout L] [--level L]
!                     [--weights none|linear|quadratic] [--coefficients LIST]
!                     [--partial] [--merge A,B,...] [--into NAME]
!                     [--rule both|either|majority] [--force]
!                     [--format table|tsv|csv|json|md|html] [-o FILE] [FILE...]
? 2

# piped without --format: a table with its header (tsv)
$ cd p && codeer agree --coders auto,anna | head -2
code	coefficient	value	se	ci_low	ci_high	units	coded	note
mini/VB.NET	percent agreement	0.6000				5	2	
? 0

# csv and tsv: one rectangular table, a row per code and coefficient, then
# "(all codes)"; 3 codes and all codes together, 9 coefficients each
$ cd p && codeer agree --coders auto,anna --format tsv > t.tsv && awk -F'\t' '{ print NF }' t.tsv | sort -u && wc -l < t.tsv && grep -c '^(all codes)' t.tsv && grep '^(all codes)' t.tsv | cut -f2,3,7,8
9
37
9
percent agreement	0.8667	15	5
Holsti's coefficient	0.8667	15	5
Cohen's kappa	0.6591	15	5
Scott's pi	0.6591	15	5
Fleiss' kappa	0.6591	15	5
Conger's kappa	0.6591	15	5
Brennan-Prediger kappa	0.7333	15	5
Gwet's AC1	0.7810	15	5
Krippendorff's alpha, nominal	0.6705	15	5
? 0

# json: one object; numbers as numbers at full precision (kappa of VB.NET
# is -0.25 by hand), the disagreements in the same document
$ cd p && codeer agree --coders auto,anna --show-disagreements --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d)); print(d["coders"], d["unit"], d["documents"], d["left_out"], d["characters"], d["units"], d["coded"]); c=d["per_code"][0]; print(c["code"], c["units"], c["coded"], [(k["id"], round(k["value"], 12)) for k in c["coefficients"] if k["id"] in ("percent", "cohen")]); print([(x["code"], x["turn"], x["start"], x["end"], x["values"]) for x in d["disagreements"]])'
['characters', 'coded', 'coders', 'disagreements', 'documents', 'exclusive', 'left_out', 'only_coded', 'overall', 'overlap', 'per_code', 'unit', 'units']
['auto', 'anna'] turn ['mini'] [] None 15 5
mini/VB.NET 5 2 [('percent', 0.6), ('cohen', -0.25)]
[('mini/VB.NET', 4, 131, 276, {'auto': 'yes', 'anna': 'no'}), ('mini/VB.NET', 5, 281, 429, {'auto': 'no', 'anna': 'yes'})]
? 0

# -o FILE: the format from the extension, written only on success
$ cd p && codeer agree --coders auto,anna -o r.json && python3 -c 'import json; d=json.load(open("r.json")); print(d["overall"][0])' && codeer agree --coders auto,anna -o r.csv && head -1 r.csv | tr -d '\r'
{'id': 'percent', 'coefficient': 'percent agreement', 'value': 0.8666666666666667, 'se': None, 'ci_low': None, 'ci_high': None, 'units': 15, 'note': None}
code,coefficient,value,se,ci_low,ci_high,units,coded,note
? 0

$ cd p && codeer agree --coders auto,anna -o r.xlsx; codeer agree --coders auto,nobody -o bad.csv; ls r.xlsx bad.csv 2>&1 | sed 's/^ls: //'
cannot access 'r.xlsx': No such file or directory
cannot access 'bad.csv': No such file or directory
! codeer: r.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
! codeer: no coder 'nobody' in the project (see 'codeer code list')
? 2

# the generic mode on Krippendorff (2011), "Computing Krippendorff's
# alpha-reliability": published alpha .743 nominal, .815 ordinal,
# .849 interval, .797 ratio
$ for l in nominal ordinal interval ratio; do codeer agree --table "$DATA/agree/krippendorff2011.csv" --level $l --format tsv | grep alpha | cut -f1,2; done
Krippendorff's alpha, nominal	0.7434
Krippendorff's alpha, ordinal	0.8154
Krippendorff's alpha, interval	0.8491
Krippendorff's alpha, ratio	0.7974
? 0

# interval and ratio alpha do not change when all values are multiplied
# by one number: values near the largest a double holds (whose squares
# overflow) or near the smallest (whose squares underflow) give the alpha
# of 1, 2, 3 (found by fuzzing: a defined alpha that was NaN)
$ printf 'unit,a,b\n1,1,2\n2,3,3\n3,1,1\n4,2,2\n' > s.csv && printf 'unit,a,b\n1,1e160,2e160\n2,3e160,3e160\n3,1e160,1e160\n4,2e160,2e160\n' > b.csv && printf 'unit,a,b\n1,1e-160,2e-160\n2,3e-160,3e-160\n3,1e-160,1e-160\n4,2e-160,2e-160\n' > t.csv && for l in interval ratio; do for f in s b t; do codeer agree --table $f.csv --level $l --coefficients krippendorff_alpha --format tsv | sed 1d | cut -f1,2; done; done
Krippendorff's alpha, interval	0.8205
Krippendorff's alpha, interval	0.8205
Krippendorff's alpha, interval	0.8205
Krippendorff's alpha, ratio	0.7161
Krippendorff's alpha, ratio	0.7161
Krippendorff's alpha, ratio	0.7161
? 0

# --coefficients: only those named, in the table's order, with the values
# the full table gives; a name the table lacks lists the ones it has
$ codeer agree --table "$DATA/agree/krippendorff2011.csv" --coefficients krippendorff_alpha,fleiss --format tsv && codeer agree --table "$DATA/agree/krippendorff2011.csv" --format tsv | grep -e alpha -e Fleiss
coefficient	value	se	ci_low	ci_high	units	note
Fleiss' kappa	0.7612				11	
Krippendorff's alpha, nominal	0.7434				11	
Fleiss' kappa	0.7612				11	
Krippendorff's alpha, nominal	0.7434				11	
? 0

$ codeer agree --table "$DATA/agree/krippendorff2011.csv" --coefficients cohen
! codeer: this table has no coefficient 'cohen'; it has percent, holsti, fleiss, conger, brennan_prediger, gwet_ac1, krippendorff_alpha
? 2

$ codeer agree --coders a,b --coefficients krippendorff_alpha 2>err; s=$?; sed -n 1p err; exit $s
codeer agree: --coefficients is for --table (a project's agreement lists them all)
? 2

# bad input: a clear message, exit 2
$ cd p && codeer agree --coders auto,nobody
! codeer: no coder 'nobody' in the project (see 'codeer code list')
? 2

$ cd p && codeer agree --coders auto
! codeer agree: agreement needs two or more coders (--coders A,B)
! usage: codeer agree [--coders A,B,...] [--codes C1,C2,...] [--docs D1,D2,...]
!                     [--all-docs] [--unit U] [--overlap P] [--only-coded]
!                     [--by case|doc] [--exclusive GROUP] [--show-disagreements]
!                     [--bootstrap N] [--seed S] [--digits N] [--unitizing]
!                     [--table FILE] [--layout L] [--level L]
!                     [--weights none|linear|quadratic] [--coefficients LIST]
!                     [--partial] [--merge A,B,...] [--into NAME]
!                     [--rule both|either|majority] [--force]
!                     [--format table|tsv|csv|json|md|html] [-o FILE] [FILE...]
? 2

$ cd p && printf 'R: iets anders\n' > other.txt && codeer add other.txt >/dev/null && codeer code add --coder bert other t1 VB >/dev/null && codeer agree --coders anna,bert
! codeer: coders anna and bert have no document in common, only documents some of them did not code (--all-docs compares them)
? 2

$ cp "$DATA/agree/nonnumeric.csv" . && codeer agree --table nonnumeric.csv --level interval
! codeer: nonnumeric.csv:3: column 3: 'x' is not a number (needed at the interval level)
? 2

$ cp "$DATA/agree/ragged.csv" . && codeer agree --table ragged.csv
! codeer: ragged.csv:3: 2 cells, but the header has 3 (a ragged table)
? 2

$ cp "$DATA/agree/onecoder.csv" . && codeer agree --table onecoder.csv
! codeer: onecoder.csv: agreement needs two or more coders (found 1)
? 2

# only the unit column: no coders at all (each row has no cells after its
# label, which once made an empty array of values: undefined behaviour)
$ printf 'unit\n1\n2\n' > only.csv && codeer agree --table only.csv
! codeer: only.csv: agreement needs two or more coders (found 0)
? 2

# the counts layout: how many coders chose each category (Fleiss' kappa
# 1/3 by hand: mean agreement 2/3, chance 1/2); counts are bounded, so a
# huge one is refused and no sum wraps
$ printf 'unit,ja,nee\n1,3,0\n2,1,2\n3,0,3\n4,2,1\n' > counts.csv && codeer agree --table counts.csv --layout counts --format tsv | cut -f1,2,6
coefficient	value	units
percent agreement	0.6667	4
Fleiss' kappa	0.3333	4
Brennan-Prediger kappa	0.3333	4
Gwet's AC1	0.3333	4
Krippendorff's alpha, nominal	0.3889	4
? 0

$ printf 'unit,ja,nee\n1,18446744073709549568,0\n' > huge.csv && codeer agree --table huge.csv --layout counts
! codeer: huge.csv:2: column 2: the count 18446744073709549568 is more than 1000000, the most values a unit can have
? 2

$ printf 'unit,ja,nee\n1,999999,2\n' > sum.csv && codeer agree --table sum.csv --layout counts
! codeer: sum.csv:2: column 3: the counts of this unit add up to more than 1000000, the most values a unit can have
? 2

# two counts that wrap a 64-bit sum to a small number are refused all the same
$ printf 'unit,ja,nee\n1,1,18446744073709551615\n' > wrap.csv && codeer agree --table wrap.csv --layout counts
! codeer: wrap.csv:2: column 3: the count 18446744073709551615 is more than 1000000, the most values a unit can have
? 2

# the limit itself is allowed, and a unit that large is quick: alpha counts
# the pairs of a unit per category, not one by one
$ printf 'unit,ja,nee\n1,1000000,0\n2,1,1\n' > most.csv && codeer agree --table most.csv --layout counts --format tsv | cut -f1,2,6
coefficient	value	units
percent agreement	0.5000	2
Fleiss' kappa	-0.3333	2
Brennan-Prediger kappa	0.0000	2
Gwet's AC1	0.2000	2
Krippendorff's alpha, nominal	0.0000	2
? 0

$ codeer agree --table "$DATA/agree/krippendorff2011.csv" --weights linear
! codeer: linear weights need ordered categories: nominal data have no order (use --level ordinal, interval or ratio)
? 2

# --layout coders-by-units: a row per coder. The table of the stanza below,
# turned: A ja nee nee ja, B ja ja nee ja. By hand: 3 of 4 units agree;
# kappa: p_o = .75, p_e = (2/4)(3/4) + (2/4)(1/4) = .5, kappa = .5; pi:
# shares ja 5/8, nee 3/8, p_e = 34/64, pi = (.75 - .53125)/.46875 = .4667;
# Brennan-Prediger (.75 - .5)/.5 = .5; AC1: p_e = 2(5/8)(3/8) = 30/64,
# (.75 - .46875)/.53125 = 9/17 = .5294;
# alpha: 8 values, D_o = 2/8, D_e = 2*5*3/(8*7) = 30/56, alpha = .5333
$ printf 'coder,1,2,3,4\nA,ja,nee,nee,ja\nB,ja,ja,nee,ja\n' > cu.csv && codeer agree --table cu.csv --layout coders-by-units --format tsv | cut -f1,2,6
coefficient	value	units
percent agreement	0.7500	4
Holsti's coefficient	0.7500	4
Cohen's kappa	0.5000	4
Scott's pi	0.4667	4
Fleiss' kappa	0.4667	4
Conger's kappa	0.5000	4
Brennan-Prediger kappa	0.5000	4
Gwet's AC1	0.5294	4
Krippendorff's alpha, nominal	0.5333	4
? 0

# --layout counts (Fleiss 1971): per unit how many of the 4 coders chose a
# and b: 4-0, 2-2, 0-4, 3-1. By hand: P = (1 + 1/3 + 1 + 1/2)/4 = 17/24;
# shares a 9/16, b 7/16, p_e = 130/256; Fleiss' kappa = 11/27 = .4074;
# Brennan-Prediger (17/24 - 1/2)/(1/2) = 5/12; AC1: p_e = 2(9/16)(7/16)
# = 126/256, (17/24 - 63/128)/(65/128) = 83/195 = .4256; alpha: 16 values,
# D_o = (4/3 + 1)*2/16 = 7/24, D_e = 2*9*7/(16*15) = .525, alpha = 4/9.
# Which coder chose what is unknown: no Cohen or Scott.
$ printf 'unit,a,b\n1,4,0\n2,2,2\n3,0,4\n4,3,1\n' > counts.csv && codeer agree --table counts.csv --layout counts --format tsv | cut -f1,2,6
coefficient	value	units
percent agreement	0.7083	4
Fleiss' kappa	0.4074	4
Brennan-Prediger kappa	0.4167	4
Gwet's AC1	0.4256	4
Krippendorff's alpha, nominal	0.4444	4
? 0

# json for a table: one object, numbers at full precision
$ codeer agree --table counts.csv --layout counts --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["layout"], d["categories"], d["units"]); print([(c["id"], round(c["value"], 12)) for c in d["overall"]])'
counts ['a', 'b'] 4
[('percent', 0.708333333333), ('fleiss', 0.407407407407), ('brennan_prediger', 0.416666666667), ('gwet_ac1', 0.425641025641), ('krippendorff_alpha', 0.444444444444)]
? 0

# a nominal table may hold text categories
$ printf 'unit,A,B\n1,ja,ja\n2,nee,ja\n3,nee,nee\n4,ja,ja\n' > t.csv && codeer agree --table t.csv --format tsv | cut -f1,2 | head -4
coefficient	value
percent agreement	0.7500
Holsti's coefficient	0.7500
Cohen's kappa	0.5000
? 0

# padded cells and header names, and the missing markers NA, * and .;
# the same table with every value moved up by 100,000 (past the small
# whole numbers looked up directly, so searched for) gives the same
# nominal and interval alpha, to the last digit (by hand, from the
# coincidence matrix: 37/79 and 24/31)
$ printf 'unit, a , b ,c\n1, 1 ,2,NA\n2,3, 3 ,3\n3,1,1,*\n4,2,2,.\n5,0,1,1\n6,2,2,3\n' > small.csv && printf 'unit, a , b ,c\n1, 100001 ,100002,NA\n2,100003, 100003 ,100003\n3,100001,100001,*\n4,100002,100002,.\n5,100000,100001,100001\n6,100002,100002,100003\n' > big.csv && for l in nominal interval; do for f in small big; do codeer agree --table $f.csv --level $l --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["coders"], [(c["id"], c["value"], c["units"]) for c in d["overall"] if c["id"] in ("percent", "krippendorff_alpha")])'; done; done
['a', 'b', 'c'] [('percent', 0.6111111111111112, 6), ('krippendorff_alpha', 0.4683544303797468, 6)]
['a', 'b', 'c'] [('percent', 0.6111111111111112, 6), ('krippendorff_alpha', 0.4683544303797468, 6)]
['a', 'b', 'c'] [('percent', 0.6111111111111112, 6), ('krippendorff_alpha', 0.7741935483870968, 6)]
['a', 'b', 'c'] [('percent', 0.6111111111111112, 6), ('krippendorff_alpha', 0.7741935483870968, 6)]
? 0

# unitizing alpha (docs/agreement.md, include/codeer/unitizing.h), by hand.
# One document of L = 20 code points, m = 2 coders, mL = 40.
# VB: A marks [2,8) (l 6), B marks [4,8) (l 4). A's sections: gap 2, unit 6,
#   gap 12; B's: gap 4, unit 4, gap 12. Only the two units overlap:
#   δ² = (2-4)² + (8-8)² = 4; both orders: 8; uD_o = 8/(2·1·20²) = 0.01.
#   N = 2 units; the gaps of both coders: 2, 12, 4, 12.
#   l 6: (N-1)(2·216 - 3·36 + 6)/3 = 110, plus 36·((12-6+1) + (12-6+1)) = 504: 614
#   l 4: (2·64 - 3·16 + 4)/3 = 28, plus 16·((4-4+1) + 9 + 9) = 304: 332
#   denominator 40·39 - (6·5 + 4·3) = 1518
#   uD_e = (2/20)·946/1518 = 43/690 = 0.062319; u-alpha = 1 - 0.01·690/43 = 361/430 = 0.8395
# EK: A marks [12,16) (l 4), B nothing. B's one gap [0,20) holds A's unit:
#   δ² = 4² = 16, both orders 32; uD_o = 32/800 = 0.04.
#   N = 1, so the first term is 0; gaps 12, 4 (A) and 20 (B), all >= 4:
#   16·(9 + 1 + 17) = 432; denominator 1560 - 4·3 = 1548
#   uD_e = (2/20)·432/1548 = 6/215 = 0.027907; u-alpha = 1 - 0.04·215/6 = -13/30 = -0.4333
# all codes: 1 - (0.01 + 0.04)/(43/690 + 6/215) = 1 - 0.05/(2677/29670)
#   = 2387/5354 = 0.4458; observed and expected shown as the means of the
#   two codes: 0.025 and 2677/59340 = 0.0451.
$ codeer init q >/dev/null && cd q && printf 'abcdefghijklmnopqrs\n' > u.txt && codeer add u.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add --coder A u c2-8 VB && codeer code add --coder B u c4-8 VB && codeer code add --coder A u c12-16 EK && codeer code add --coder C u c2-8 VB && codeer code add --coder C u c12-16 EK
A	u	c2-8	mini/VB
B	u	c4-8	mini/VB
A	u	c12-16	mini/EK
C	u	c2-8	mini/VB
C	u	c12-16	mini/EK
? 0

$ cd q && codeer agree --coders A,B --unitizing --format table
coders: A, B; unitizing; 1 document; 20 characters

Unitizing alpha per code
code         units  observed  expected  u-alpha  note
mini/VB          2    0.0100    0.0623   0.8395  
mini/EK          1    0.0400    0.0279  -0.4333  
(all codes)      3    0.0250    0.0451   0.4458  
? 0

# the exact values; a code nobody marked is undefined, with the reason
$ cd q && codeer agree --coders A,B --unitizing --codes VB,EK,VB.NET --format tsv --digits 12
code	units	observed	expected	u-alpha	note
mini/VB	2	0.010000000000	0.062318840580	0.839534883721	
mini/EK	1	0.040000000000	0.027906976744	-0.433333333333	
mini/VB.NET	0	0.000000000000	0.000000000000		no coder marked a unit of this category
(all codes)	3	0.025000000000	0.045112908662	0.445834889802	
? 0

# identical segments: u-alpha 1
$ cd q && codeer agree --coders A,C --unitizing --format csv | cut -d, -f1,5
code,u-alpha
mini/VB,1.0000
mini/EK,1.0000
(all codes),1.0000
? 0

# --unit char: the characters, each counted once (20), and the units over
# the codes (20 per code, 40). VB: A codes 2-8, B 4-8: 18 of 20 characters
# agree, p_e = .3*.2 + .7*.8 = .62, kappa = (.9 - .62)/.38 = 14/19 = .7368.
# EK: A codes 12-16, B nothing: 16 of 20 agree, kappa 0; alpha: 40 values,
# D_o = 8/40, D_e = 2*4*36/(40*39), alpha = -1/12. All codes: 34 of 40,
# Brennan-Prediger (.85 - .5)/.5 = .7.
$ cd q && codeer agree --coders A,B --unit char --format table
coders: A, B; unit: char; 1 document; 20 characters; 40 units over 2 codes

Per code, worst first
code     characters  coded chars  agree  kappa   alpha
mini/EK          20            4  80.0%  0.0000  -0.0833
mini/VB          20            6  90.0%  0.7368   0.7400

All codes together
coefficient                    value   se      ci_low  ci_high  units  note
percent agreement              0.8500                              40  
Holsti's coefficient           0.8500                              40  
Cohen's kappa                  0.5000  0.1630                      40  
Scott's pi                     0.4805                              40  
Fleiss' kappa                  0.4805                              40  
Conger's kappa                 0.5000  0.1651                      40  
Brennan-Prediger kappa         0.7000                              40  
Gwet's AC1                     0.7891                              40  
Krippendorff's alpha, nominal  0.4870                              40  
? 0

# the same counts in json; a kappa that is 0/0 (nobody coded VB.NET) is
# null, with the reason
$ cd q && codeer agree --coders A,B --unit char --codes VB,VB.NET --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); vb,net=d["per_code"]; k=[x for x in vb["coefficients"] if x["id"] == "cohen"][0]; print(d["unit"], d["characters"], d["units"], d["coded"]); print(vb["code"], vb["units"], vb["coded"], k["id"], abs(k["value"] - 14/19) < 1e-15); k=[x for x in net["coefficients"] if x["id"] == "cohen"][0]; print(net["code"], net["coded"], k["value"], k["note"])'
char 20 40 6
mini/VB 20 6 cohen True
mini/VB.NET 0 None chance agreement is 1 (all values fall in one category): the coefficient is 0/0
? 0

# --exclusive chooses per unit: with characters it is refused, not empty
$ cd q && codeer agree --coders A,B --unit char --exclusive mini
! codeer: the subcodes of mini are compared per turn, sentence, paragraph or document, not per character (--exclusive with --unit char)
? 2

$ cd q && codeer agree --coders A,B --unitizing --unit char
! codeer agree: --unitizing does not go with --unit: unitizing alpha compares the coders' own segments of their codings, not units
! usage: codeer agree [--coders A,B,...] [--codes C1,C2,...] [--docs D1,D2,...]
!                     [--all-docs] [--unit U] [--overlap P] [--only-coded]
!                     [--by case|doc] [--exclusive GROUP] [--show-disagreements]
!                     [--bootstrap N] [--seed S] [--digits N] [--unitizing]
!                     [--table FILE] [--layout L] [--level L]
!                     [--weights none|linear|quadratic] [--coefficients LIST]
!                     [--partial] [--merge A,B,...] [--into NAME]
!                     [--rule both|either|majority] [--force]
!                     [--format table|tsv|csv|json|md|html] [-o FILE] [FILE...]
? 2

# documents that not every coder coded are left out, and named on stderr:
# anna coded d1, d2 and d3 (VB at t1), bert only d1 (t1), cees d1 (t2) and d2 (t1)
$ codeer init r >/dev/null && cd r && for d in d1 d2 d3; do printf 'R: een %s\n\nR: twee\n' $d > $d.txt; done && codeer add d1.txt d2.txt d3.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && for d in d1 d2 d3; do codeer code add --coder anna $d t1 VB >/dev/null; done && codeer code add --coder bert d1 t1 VB >/dev/null && codeer code add --coder cees d1 t2 VB >/dev/null && codeer code add --coder cees d2 t1 VB >/dev/null
? 0

$ cd r && codeer agree --coders anna,bert --format table
coders: anna, bert; unit: turn; 1 document (2 left out)

Per code, worst first
code     units  coded  agree   kappa   alpha
mini/VB      2      1  100.0%  1.0000  1.0000

All codes together
coefficient                    value   se      ci_low  ci_high  units  note
percent agreement              1.0000                               2  
Holsti's coefficient           1.0000                               2  
Cohen's kappa                  1.0000  0.0000                       2  
Scott's pi                     1.0000                               2  
Fleiss' kappa                  1.0000                               2  
Conger's kappa                 1.0000  0.0000                       2  
Brennan-Prediger kappa         1.0000                               2  
Gwet's AC1                     1.0000                               2  
Krippendorff's alpha, nominal  1.0000                               2  
! codeer: left out 2 documents that bert did not code: d2, d3
! codeer: --all-docs compares them, counting a document a coder did not touch as coded with nothing
? 0

# grouped by who did not code them, in document order; json lists them
$ cd r && codeer agree --coders anna,bert,cees --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["documents"], d["left_out"])'
['d1'] [{'doc': 'd2', 'not_coded_by': ['bert']}, {'doc': 'd3', 'not_coded_by': ['bert', 'cees']}]
! codeer: left out 1 document that bert did not code: d2
! codeer: left out 1 document that bert and cees did not code: d3
! codeer: --all-docs compares them, counting a document a coder did not touch as coded with nothing
? 0

# --all-docs: bert coded nothing in d2 and d3, so anna's VB there are two
# disagreements: 6 turns, 4 agree (the t2 turns and d1's t1); kappa:
# p_e = (3/6)(1/6) + (3/6)(5/6) = .5, (4/6 - .5)/.5 = 1/3
$ cd r && codeer agree --coders anna,bert --all-docs --format tsv | grep '^(all codes)' | grep -e percent -e Cohen | cut -f2,3,7,8
percent agreement	0.6667	6	3
Cohen's kappa	0.3333	6	3
? 0

# unitizing leaves out the same documents (a document is 19 code points)
$ cd r && codeer agree --coders anna,bert --unitizing --format table | sed -n 1,1p && codeer agree --coders anna,bert --unitizing --all-docs --format table 2>&1 | head -1
coders: anna, bert; unitizing; 1 document (2 left out); 19 characters
coders: anna, bert; unitizing; 3 documents; 57 characters
! codeer: left out 2 documents that bert did not code: d2, d3
! codeer: --all-docs compares them, counting a document a coder did not touch as coded with nothing
? 0

$ cd r && codeer agree --coders anna,bert --all-docs --docs d1
! codeer agree: --all-docs and --docs do not go together: --docs names the documents
! usage: codeer agree [--coders A,B,...] [--codes C1,C2,...] [--docs D1,D2,...]
!                     [--all-docs] [--unit U] [--overlap P] [--only-coded]
!                     [--by case|doc] [--exclusive GROUP] [--show-disagreements]
!                     [--bootstrap N] [--seed S] [--digits N] [--unitizing]
!                     [--table FILE] [--layout L] [--level L]
!                     [--weights none|linear|quadratic] [--coefficients LIST]
!                     [--partial] [--merge A,B,...] [--into NAME]
!                     [--rule both|either|majority] [--force]
!                     [--format table|tsv|csv|json|md|html] [-o FILE] [FILE...]
? 2

# the options are the table's: a unit, a rule or a level the table does
# not have is a usage error of the one parser
$ cd p && codeer agree --coders auto,anna --unit word
! codeer agree: --unit takes turn, sentence, paragraph, document, char; not 'word'
! usage: codeer agree [--coders A,B,...] [--codes C1,C2,...] [--docs D1,D2,...]
!                     [--all-docs] [--unit U] [--overlap P] [--only-coded]
!                     [--by case|doc] [--exclusive GROUP] [--show-disagreements]
!                     [--bootstrap N] [--seed S] [--digits N] [--unitizing]
!                     [--table FILE] [--layout L] [--level L]
!                     [--weights none|linear|quadratic] [--coefficients LIST]
!                     [--partial] [--merge A,B,...] [--into NAME]
!                     [--rule both|either|majority] [--force]
!                     [--format table|tsv|csv|json|md|html] [-o FILE] [FILE...]
? 2

$ cd p && codeer agree --merge auto,anna --into x --rule all 2>&1 | sed -n 1p
codeer agree: --rule takes both, either, majority; not 'all'
? 2

$ cd p && codeer agree --coders "auto, ,anna"
! codeer: --coders: an empty item in 'auto, ,anna'
? 2

# spaces around the names are trimmed
$ cd p && codeer agree --coders "auto, anna" --codes "VB.NET" --format tsv | cut -f1,2,3 | sed -n 2p
mini/VB.NET	percent agreement	0.6000
? 0

$ cd p && codeer agree --coders auto,anna --digits 18
! codeer agree: --digits must be a number from 0 to 17
! usage: codeer agree [--coders A,B,...] [--codes C1,C2,...] [--docs D1,D2,...]
!                     [--all-docs] [--unit U] [--overlap P] [--only-coded]
!                     [--by case|doc] [--exclusive GROUP] [--show-disagreements]
!                     [--bootstrap N] [--seed S] [--digits N] [--unitizing]
!                     [--table FILE] [--layout L] [--level L]
!                     [--weights none|linear|quadratic] [--coefficients LIST]
!                     [--partial] [--merge A,B,...] [--into NAME]
!                     [--rule both|either|majority] [--force]
!                     [--format table|tsv|csv|json|md|html] [-o FILE] [FILE...]
? 2

# the library says what is wrong, the command names the option
$ cd p && codeer agree --merge auto --into x
! codeer: a consensus needs two or more coders (--merge A,B)
? 2

$ cd p && codeer agree --coders auto,anna --exclusive EK
! codeer: mini/EK needs two or more subcodes to be compared as one choice (--exclusive EK)
? 2

$ cd p && codeer agree --coders auto,anna --exclusive VB --overlap 50
! codeer: the subcodes of VB are compared per turn, sentence, paragraph or document, not per segment (--exclusive with --overlap)
? 2

# --help: options, prose and examples from the table
$ codeer agree --help | grep -c -e '^  --coders A,B,\.\.\.' -e '^  --rule both|either|majority' -e '^Examples:' -e '^  codeer agree --table ratings.csv'
4
? 0

# Agreement per dossier: two dossiers lie in one document (turns 1-2 and
# 3-4 of dossiers), a second document is its own case. A case that is a
# stretch counts only its own units: each dossier has 2 turns x 2 codes.
# By hand: dossier-a agrees everywhere (VB at t2 by both); dossier-b has
# VB at t4 (anna) and t3 (bert), EK at t4 by both: 2 of 4 agree, kappa
# (0.5 - 0.5)/(1 - 0.5) = 0, alpha 1 - (4/8)/(32/56) = 0.125.
$ codeer init d >/dev/null && cd d && printf 'I: Eerste dossier, mevrouw A.\n\nR: Bij mevrouw A hebben we het netwerk ingeschakeld.\n\nI: Tweede dossier, meneer B.\n\nR: Meneer B wilde geen hulp van de buurt.\n' > dossiers.txt && printf 'R: Ik verbind bewoners met elkaar.\n' > other.txt && codeer add dossiers.txt other.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && printf 'case\tdocs\ndossier-a\tdossiers:t1-t2\ndossier-b\tdossiers:t3-t4\n' > cases.tsv && codeer cases import cases.tsv >/dev/null && for c in "anna dossiers t2 VB" "anna dossiers t4 VB" "anna dossiers t4 EK" "anna other t1 VB" "bert dossiers t2 VB" "bert dossiers t3 VB" "bert dossiers t4 EK" "bert other t1 VB"; do set -- $c; codeer code add --coder $1 $2 $3 $4 >/dev/null || exit 1; done; codeer agree --coders anna,bert --by case --format table
coders: anna, bert; unit: turn; 2 documents; 3 cases

Per case
case       units  coded  agree   kappa   alpha
dossier-a      4      1  100.0%  1.0000  1.0000
dossier-b      4      3   50.0%  0.0000  0.1250
other          2      1  100.0%  1.0000  1.0000

All cases together
coefficient                    value   se      ci_low  ci_high  units  note
percent agreement              0.8000                              10  
Holsti's coefficient           0.8000                              10  
Cohen's kappa                  0.5833  0.2624                      10  
Scott's pi                     0.5833                              10  
Fleiss' kappa                  0.5833                              10  
Conger's kappa                 0.5833  0.2766                      10  
Brennan-Prediger kappa         0.6000                              10  
Gwet's AC1                     0.6154                              10  
Krippendorff's alpha, nominal  0.6042                              10  
? 0

# csv and tsv: a row per case and coefficient, then "(all cases)", which
# is the agreement of the whole project
$ cd d && codeer agree --coders anna,bert --by case --format tsv | grep -e '^case' -e 'percent' -e "Cohen" && codeer agree --coders anna,bert --format tsv | grep '^(all codes).Cohen'
case	coefficient	value	se	ci_low	ci_high	units	coded	note
dossier-a	percent agreement	1.0000				4	1	
dossier-a	Cohen's kappa	1.0000	0.0000			4	1	
dossier-b	percent agreement	0.5000				4	3	
dossier-b	Cohen's kappa	0.0000	0.5000			4	3	
other	percent agreement	1.0000				2	1	
other	Cohen's kappa	1.0000	0.0000			2	1	
(all cases)	percent agreement	0.8000				10	5	
(all cases)	Cohen's kappa	0.5833	0.2624			10	5	
(all codes)	Cohen's kappa	0.5833	0.2624			10	5	
? 0

# character units are cut where the case changes: dossier-a holds the
# document up to the end of turn 2 (83 characters), dossier-b the other 74;
# per case a document unit is the case's piece of the document
$ cd d && codeer agree --coders anna,bert --by case --unit char --format tsv | grep 'percent' | cut -f1,7 && codeer agree --coders anna,bert --by case --unit document --format tsv | grep 'percent' | cut -f1,7,8
dossier-a	166
dossier-b	148
other	70
(all cases)	384
dossier-a	2	1
dossier-b	2	2
other	2	1
(all cases)	6	4
? 0

# --by doc, and json: per_case (per_doc) with every coefficient
$ cd d && codeer agree --coders anna,bert --by doc --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["by"], [(c["doc"], c["units"], c["coefficients"][0]["value"]) for c in d["per_doc"]])' && codeer agree --coders anna,bert --by case --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([(c["case"], round(c["coefficients"][-1]["value"], 4)) for c in d["per_case"]])'
doc [('dossiers', 8, 0.75), ('other', 2, 1)]
[('dossier-a', 1), ('dossier-b', 0.125), ('other', 1)]
? 0

$ cd d && codeer agree --table "$DATA/agree/krippendorff2011.csv" --by case 2>&1 | sed -n 1p
codeer agree: --by is for --coders (the cases of a project)
? 2

# codeer agree on tests/data/mini.txt: the rules (coder auto) against a
# hand coder (anna), checked by hand: VB and EK agree on all 5 turns;
# VB.NET is t4 for auto and t5 for anna, so 3 of 5 turns agree,
# kappa = (0.6 - 0.68)/(1 - 0.68) = -0.25, alpha = 1 - 0.4/(32/90) = -0.125.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder anna mini $t >/dev/null; done
? 0

$ cd p && codeer agree --coders auto,anna --format table
coders: auto, anna; unit: turn; 1 document

Per code, worst first
code         units  coded  agree   kappa    alpha
mini/VB.NET      5      2   60.0%  -0.2500  -0.1250
mini/VB          5      2  100.0%   1.0000   1.0000
mini/EK          5      1  100.0%   1.0000   1.0000

All codes together
coefficient                    value   se      ci_low  ci_high  units  note
percent agreement              0.8667                              15  
Cohen's kappa                  0.6591  0.2211                      15  
Scott's pi                     0.6591                              15  
Fleiss' kappa                  0.6591                              15  
Brennan-Prediger kappa         0.7333                              15  
Gwet's AC1                     0.7810                              15  
Krippendorff's alpha, nominal  0.6705                              15  
? 0

$ cd p && codeer agree --coders auto,anna --show-disagreements --format tsv | tail -3 | cut -f1-7
code	doc	turn	speaker	span	auto	anna
mini/VB.NET	mini	t4	R	c131-276	yes	no
mini/VB.NET	mini	t5	R	c281-429	no	yes
? 0

# a bootstrap interval is the same for the same seed
$ cd p && codeer agree --coders auto,anna --bootstrap 500 --seed 42 --format csv > a.csv && codeer agree --coders auto,anna --bootstrap 500 --seed 42 --format csv > b.csv && cmp a.csv b.csv && grep -c '^Cohen' a.csv
1
? 0

# only-coded units: uncoded turns no longer count as agreement
$ cd p && codeer agree --coders auto,anna --only-coded --codes VB.NET --format tsv | head -2
code	units	coded	agree	kappa	alpha
mini/VB.NET	2	2	0.0%	-1.0000	-0.5000
? 0

# a consensus coder: what both coded
$ cd p && codeer agree --merge auto,anna --into both --rule both && codeer code list --coder both | cut -f2-6
3 codings written for coder both
mini	7	15	mini/VB	consensus:both:auto+anna
mini	33	40	mini/VB	consensus:both:auto+anna
mini	131	276	mini/EK	consensus:both:auto+anna
? 0

# the generic mode on Krippendorff (2011), "Computing Krippendorff's
# alpha-reliability": published alpha .743 nominal, .815 ordinal,
# .849 interval, .797 ratio
$ for l in nominal ordinal interval ratio; do codeer agree --table "$DATA/agree/krippendorff2011.csv" --level $l --format tsv | grep alpha | cut -f1,2; done
Krippendorff's alpha, nominal	0.7434
Krippendorff's alpha, ordinal	0.8154
Krippendorff's alpha, interval	0.8491
Krippendorff's alpha, ratio	0.7974
? 0

# bad input: a clear message, exit 2
$ cd p && codeer agree --coders auto,nobody
! codeer: no coder 'nobody' in the project (see 'codeer code list')
? 2

$ cd p && codeer agree --coders auto
! codeer agree: agreement needs two or more coders (--coders A,B)
! usage: codeer agree --coders A,B[,C...] [--unit turn|sentence|paragraph|document|char] [options]
!        codeer agree --coders A,B[,C...] --unitizing [--codes C1,C2] [--docs D1,D2] [options]
!        codeer agree --table FILE.csv [--level L] [--layout L] [--weights W] [options]
!        codeer agree --merge A,B[,C...] --into NAME [--rule both|either|majority]
? 2

$ cd p && printf 'R: iets anders\n' > other.txt && codeer add other.txt >/dev/null && codeer code add --coder bert other t1 VB >/dev/null && codeer agree --coders anna,bert
! codeer: coders anna and bert have no document in common
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

$ codeer agree --table "$DATA/agree/krippendorff2011.csv" --weights linear
! codeer: --weights linear needs ordered categories: nominal data have no order (use --level ordinal, interval or ratio)
? 2

# a nominal table may hold text categories
$ printf 'unit,A,B\n1,ja,ja\n2,nee,ja\n3,nee,nee\n4,ja,ja\n' > t.csv && codeer agree --table t.csv --format tsv | cut -f1,2 | head -3
coefficient	value
percent agreement	0.7500
Cohen's kappa	0.5000
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
code       units  observed  expected  u-alpha  note
mini/VB        2    0.0100    0.0623   0.8395  
mini/EK        1    0.0400    0.0279  -0.4333  
all codes      3    0.0250    0.0451   0.4458  
? 0

# the exact values; a code nobody marked is undefined, with the reason
$ cd q && codeer agree --coders A,B --unitizing --codes VB,EK,VB.NET --format tsv --digits 12
code	units	observed	expected	u-alpha	note
mini/VB	2	0.010000000000	0.062318840580	0.839534883721	
mini/EK	1	0.040000000000	0.027906976744	-0.433333333333	
mini/VB.NET	0	0.000000000000	0.000000000000		no coder marked a unit of this category
all codes	3	0.025000000000	0.045112908662	0.445834889802	
? 0

# identical segments: u-alpha 1
$ cd q && codeer agree --coders A,C --unitizing --format csv | cut -d, -f1,5
code,u-alpha
mini/VB,1.0000
mini/EK,1.0000
all codes,1.0000
? 0

$ cd q && codeer agree --coders A,B --unitizing --unit char
! codeer agree: --unitizing does not go with --unit: unitizing alpha compares the coders' own segments of their codings, not units
! usage: codeer agree --coders A,B[,C...] [--unit turn|sentence|paragraph|document|char] [options]
!        codeer agree --coders A,B[,C...] --unitizing [--codes C1,C2] [--docs D1,D2] [options]
!        codeer agree --table FILE.csv [--level L] [--layout L] [--weights W] [options]
!        codeer agree --merge A,B[,C...] --into NAME [--rule both|either|majority]
? 2

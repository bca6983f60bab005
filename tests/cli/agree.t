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

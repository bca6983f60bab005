# Manual coding: add by turn, sentence, range or phrase; rm; list; export
# and import round trip; accept a proposal; errors for unknown codes,
# documents, absent and ambiguous phrases.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null
? 0

$ cd p && codeer code add --coder anna --memo "wie verbindt?" mini t1 VB && codeer code add --coder anna mini s3 mini/HAND && codeer code add --coder anna mini "bewoners met elkaar" VB.NET && codeer code add --coder anna mini c131-143 EK
anna	mini	c3-25	mini/VB
anna	mini	c62-105	mini/HAND
anna	mini	c41-60	mini/VB.NET
anna	mini	c131-143	mini/EK
? 0

$ cd p && codeer code list --coder anna
anna	mini	3	25	mini/VB	manual		wie verbindt?
anna	mini	41	60	mini/VB.NET	manual		
anna	mini	62	105	mini/HAND	manual		
anna	mini	131	143	mini/EK	manual		
? 0

$ cd p && codeer code add --coder anna mini t1 VB
! codeer: mini c3-25 is already coded mini/VB by anna
? 2

$ cd p && codeer code add --coder anna mini "de" VB
! codeer: mini: the phrase 'de' occurs 4 times: t2 c87-89, t4 c173-175, t4 c267-269, t5 c420-422; use one of these references
? 2

$ cd p && codeer code add --coder anna mini "niet gezegd" VB
! codeer: mini: 'niet gezegd' is neither a reference (t12, s40, c100-250) nor a phrase in the document
? 2

$ cd p && codeer code add --coder anna mini t1 NOPE
! codeer: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

$ cd p && codeer code add --coder anna nodoc t1 VB
! codeer: no document 'nodoc' in the project (see 'codeer docs')
? 2

$ cd p && codeer code rm --coder anna mini t2 mini/HAND && codeer code list --coder anna | cut -f5
removed 1 coding of mini/HAND in mini t2
mini/VB
mini/VB.NET
mini/EK
? 0

# export, then import into another coder (--coder overrides the file's
# coder column): the same codings
$ cd p && codeer code export --coder anna > anna.tsv && codeer code import --coder bert anna.tsv && codeer code list --coder bert | cut -f2-5
3 codings imported, 0 already there
mini	3	25	mini/VB
mini	41	60	mini/VB.NET
mini	131	143	mini/EK
? 0

$ cd p && codeer code import --coder bert anna.tsv
0 codings imported, 3 already there
? 0

# CSV with refs; a bad row anywhere: file and line, and nothing written
$ cd p && printf 'doc,ref,code,memo\nmini,t2,VB,"met ""komma"", en zo"\n' > c.csv && codeer code import --coder carla c.csv && codeer code list --coder carla | cut -f5,8
1 codings imported, 0 already there
mini/VB	met "komma", en zo
? 0

$ cd p && printf 'doc\tref\tcode\nmini\tt1\tVB\nmini\tt9\tVB\n' > bad.tsv && codeer code import --coder dirk bad.tsv; s=$?; ls codings; exit $s
anna.tsv
bert.tsv
carla.tsv
! codeer: bad.tsv:3: mini: t9: turn 9 out of range (the document has 5 turns)
? 2

$ cd p && printf 'doc\tcode\nmini\tVB\n' > nocols.tsv && codeer code import nocols.tsv
! codeer: nocols.tsv:1: the header must name the columns doc, code, and ref or start and end
? 2

# accepting a rule's proposal makes it the coder's own
$ cd p && codeer autocode >/dev/null && codeer code accept --coder anna mini t4 EK && codeer code list --coder anna --code EK | cut -f3-6
accepted 1 coding of mini/EK in mini t4
131	143	mini/EK	manual
131	276	mini/EK	accept:rule:mini/EK#r1
? 0

$ cd p && codeer code accept --coder anna mini t1 EK
! codeer: mini t1: no coding of mini/EK by auto lies within it
? 2

$ cd p && codeer quotes --coder anna EK
mini t4 R c131-143 mini/EK [anna]
  Eigen kracht

mini t4 R c131-276 mini/EK [anna]
  Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goed vind ik. Een netwerk is er altijd wel, maar niet dichtbij zoals de buurt.

2 segments coded mini/EK
? 0

$ cd p && codeer freq --coder anna
mini/VB	Verbinden	1	1	1	4
mini/VB.NET	Netwerk in de buurt	1	1	1	3
mini/EK	Eigen kracht	2	1	1	29
? 0

$ cd p && codeer kwic --width 10 'verbind\w*'
mini	t1	c7-15	I: Hoe 	verbindt	 u mensen?
mini	t2	c33-40	R: Ik 	verbind	 bewoners 
mini	t2	c73-83	e internet	verbinding	 in de wij
? 0

$ cd p && codeer kwic 'nergens'
? 1

$ cd p && codeer quotes --coder nobody VB
! codeer: no coder 'nobody' in the project (no codings/nobody.tsv)
? 2

# codeer crosssection on the mini project (coders auto and anna) and the
# shipped maatwerk layout.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder anna mini $t >/dev/null; done && printf 'column\tsubcolumn\tcodes\nVerbinden\t\tVB+\nKracht\teigen\tEK\nKracht\tanders\tHAND\n' > layout.tsv
? 0

$ cd p && codeer crosssection layout.tsv --format tsv
case	Verbinden	Kracht / eigen	Kracht / anders
mini	VB, VB.NET	EK	
? 0

$ cd p && codeer crosssection --cell quotes --coder anna layout.tsv --format tsv | cut -f1,3
case	Kracht / eigen
mini	EK: Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goed vind ik. Een netwerk is er altijd wel, maar niet dichtbij zoals de buurt.
? 0

$ cd p && codeer code add --coder eva --memo "twijfel" mini t2 VB >/dev/null && codeer crosssection --cell memos --coder eva layout.tsv --format tsv | tail -1
mini	VB: twijfel		
? 0

# a layout that names a missing code: the file, its line, the code
$ cd p && printf 'column\tsubcolumn\tcodes\nA\t\tVB\nB\t\tNOPE\n' > bad.tsv && codeer crosssection bad.tsv
! codeer: bad.tsv:3: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

$ cd p && printf 'column\tsubcolumn\tcodes\nA\x1fB\t\tVB\n' > ctl.tsv && codeer crosssection ctl.tsv
! codeer: ctl.tsv:2: a column name holds a control character
? 2

$ cd p && codeer crosssection --group nope layout.tsv
! codeer: no case attribute 'nope' (see 'codeer cases')
? 2

# the shipped layout loads against the maatwerk scheme (every code exists)
$ cd p && codeer scheme add "$CODEER_SRCDIR/codeschemes/maatwerk.xml" >/dev/null && codeer crosssection --all "$CODEER_SRCDIR/codeschemes/maatwerk-dwarsdoorsnede.tsv" --format tsv | head -1
case	Vraagverheldering	Doel aanpak	Aanpak / hoe bepaald	Draaglast interventies	Draagkracht interventies / Motivatie	Draagkracht interventies / Competenties	Draagkracht interventies / Netwerk	Draagkracht interventies / Voorl.veld
? 0

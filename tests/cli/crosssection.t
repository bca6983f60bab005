# codeer crosssection on the mini project (coders auto and anna) and the
# shipped maatwerk layout.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode >/dev/null && for t in "t1 VB" "t2 VB" "t4 EK" "t5 VB.NET"; do codeer code add --coder anna mini $t >/dev/null; done && printf 'column\tsubcolumn\tcodes\nVerbinden\t\tVB+\nKracht\teigen\tEK\nKracht\tanders\tHAND\n' > layout.tsv
? 0

# two coders and no default coder: say which to count
$ cd p && codeer crosssection layout.tsv
! codeer: the project has codings of 2 coders (anna, auto): name the coder to count, or all of them (--coder NAME, or --coder all to add them up)
? 2

$ cd p && codeer crosssection --coder all layout.tsv --format tsv
case	Verbinden	Kracht / eigen	Kracht / anders
mini	VB, VB.NET	EK	
? 0

# piped: TSV with its header; -o FILE in the format of its extension
$ cd p && codeer crosssection --coder auto layout.tsv | sed -n 1,1p && codeer crosssection --coder auto -o x.json layout.tsv && python3 -c 'import json; print(json.load(open("x.json")))'
case	Verbinden	Kracht / eigen	Kracht / anders
[{'case': 'mini', 'Verbinden': 'VB, VB.NET', 'Kracht / eigen': 'EK', 'Kracht / anders': ''}]
? 0

$ cd p && codeer crosssection --coder auto -o x.xlsx layout.tsv; s=$?; ls x.xlsx 2>/dev/null; exit $s
! codeer: x.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
? 2

# a coder list: anna's and auto's codings together
$ cd p && codeer crosssection --coder anna,auto --cell quotes layout.tsv --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["Kracht / eigen"].count("EK: "))'
1 2
? 0

$ cd p && codeer crosssection --cell quotes --coder anna layout.tsv --format tsv | cut -f1,3
case	Kracht / eigen
mini	EK: Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goed vind ik. Een netwerk is er altijd wel, maar niet dichtbij zoals de buurt.
? 0

$ cd p && codeer code add --coder eva --memo "twijfel" mini t2 VB >/dev/null && codeer crosssection --cell memos --coder eva layout.tsv --format tsv | tail -1
mini	VB: twijfel		
? 0

# a layout that names a missing code: the file, its line, the code
$ cd p && printf 'column\tsubcolumn\tcodes\nA\t\tVB\nB\t\tNOPE\n' > bad.tsv && codeer crosssection --coder all bad.tsv
! codeer: bad.tsv:3: no code 'NOPE' in the project's schemes (see 'codeer codes')
? 2

$ cd p && printf 'column\tsubcolumn\tcodes\nA\x1fB\t\tVB\n' > ctl.tsv && codeer crosssection --coder all ctl.tsv
! codeer: ctl.tsv:2: a column name holds a control character
? 2

$ cd p && codeer crosssection --coder all --group nope layout.tsv
! codeer: no case attribute 'nope' (see 'codeer cases')
? 2

# the shipped layout loads against the maatwerk scheme (every code exists)
$ cd p && codeer scheme add "$CODEER_SRCDIR/codeschemes/maatwerk.xml" >/dev/null && codeer crosssection --coder all --all "$CODEER_SRCDIR/codeschemes/maatwerk-dwarsdoorsnede.tsv" --format tsv | head -1
case	Vraagverheldering	Doel aanpak	Aanpak / hoe bepaald	Draaglast interventies	Draagkracht interventies / Motivatie	Draagkracht interventies / Competenties	Draagkracht interventies / Netwerk	Draagkracht interventies / Voorl.veld
? 0

# Tabel 12's "Aanpak / hoe bepaald" holds F2.2 with its subcodes: a case
# coded only H3 (samenspraak, the H3 definition's own example) is in the
# table, under that column
$ cd p && printf 'R: We hebben samen besproken wat de aanpak wordt.\n' > h3.txt && codeer add --case 7.1 h3.txt >/dev/null && codeer code add --coder eva h3 t1 maatwerk/H3 >/dev/null && codeer crosssection --coder eva "$CODEER_SRCDIR/codeschemes/maatwerk-dwarsdoorsnede.tsv" --format tsv | cut -f1,4
case	Aanpak / hoe bepaald
7.1	H3
? 0

# usage errors come from the command's table
$ cd p && codeer crosssection --coder all
! codeer crosssection: missing arguments: LAYOUT.tsv
! usage: codeer crosssection [--group ATTR] [--cell codes|quotes|memos]
!                            [--coder NAME] [--all] [--format F] [-o FILE]
!                            LAYOUT.tsv
? 2

$ cd p && codeer crosssection --cell words layout.tsv
! codeer crosssection: --cell takes codes, quotes, memos; not 'words'
! usage: codeer crosssection [--group ATTR] [--cell codes|quotes|memos]
!                            [--coder NAME] [--all] [--format F] [-o FILE]
!                            LAYOUT.tsv
? 2

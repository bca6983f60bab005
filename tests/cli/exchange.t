# REFI-QDA exchange: export --qdc/--qdpx, import of .qdpx and .qdc, the
# position rule, and refusals that leave nothing behind.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add --coder anna --memo "twijfel" mini t2 VB >/dev/null && codeer memo VB "Sociaal." >/dev/null
? 0

# both exports are valid against the official schemas (xmllint, libxml2)
$ cd p && codeer export --qdc ../cb.qdc --qdpx ../p.qdpx && cd .. && xmllint --noout --schema "$CODEER_SRCDIR/src/lib/exchange/Codebook.xsd" cb.qdc && unzip -p p.qdpx project.qde > p.qde && xmllint --noout --schema "$CODEER_SRCDIR/src/lib/exchange/Project-mrt2019.xsd" p.qde
! cb.qdc validates
! p.qde validates
? 0

# the same project gives the same bytes
$ cd p && codeer export --qdpx ../again.qdpx && cmp ../p.qdpx ../again.qdpx && echo same
same
? 0

$ codeer export --qdc x.qdc
! codeer: not in a codeer project (no codeer.toml in . or its parents); run 'codeer init' or use -C DIR
? 2

$ cd p && codeer export
! codeer export: name the file to write with --qdc FILE or --qdpx FILE
! usage: codeer export [--qdc FILE] [--qdpx FILE]
? 2

# export, import, export: the same XML apart from the GUIDs
$ codeer import p.qdpx --into q
p.qdpx -> q: 1 scheme, 4 codes, 1 source, 1 case, 1 coder, 1 coding, 1 memo
? 0

$ canon() { unzip -p "$1" project.qde | sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/G/g'; }; cd q && codeer export --qdpx ../q.qdpx && cd .. && canon p.qdpx > a && canon q.qdpx > b && cmp a b && echo same
same
? 0

# import, export, import: the same project
$ mkdir again && cp q.qdpx again/p.qdpx && codeer import again/p.qdpx --into r >/dev/null && diff -r -x codeer.toml -x '*.meta' q r && diff <(grep -v ^added q/sources/mini.meta) <(grep -v ^added r/sources/mini.meta) && echo same
same
? 0

$ cat q/codings/anna.tsv | cut -f1-5,7
doc	start	end	code	origin	memo
mini	30	105	Testschema/Verbinden	import:p.qdpx	twijfel
? 0

$ codeer import p.qdpx --into q
! codeer: q exists and is not an empty directory: nothing imported; name another with --into DIR
! codeer: nothing was imported
? 2

# a codebook adds schemes to a project, once
$ codeer init s >/dev/null && codeer import cb.qdc --into s && ls s/schemes
cb.qdc -> s: 1 scheme, 4 codes
Testschema.xml
? 0

$ codeer import cb.qdc --into s; s=$?; ls s/schemes; exit $s
Testschema.xml
! codeer: cb.qdc: the project has a scheme 'Testschema' already
! codeer: nothing was imported
? 2

$ codeer import notes.txt
! codeer import: 'notes.txt': expected a .qdpx or a .qdc file
! usage: codeer import [--into DIR] FILE
? 2

# positions: CR LF counts two, the byte-order mark none; a selection with no
# exact place is reported with its GUID and left out
$ cp "$DATA/refi/positions.qdpx" . && codeer import positions.qdpx; s=$?; cut -f1-4 positions/codings/*.tsv && codeer -C positions quotes --coder Anna-de-Vries Verbinden | sed -n 1,2p; exit $s
positions.qdpx -> positions: 1 scheme, 1 code, 1 source, 0 cases, 1 coder, 1 coding, 0 memos; 3 things left out
doc	start	end	code
gesprek	33	42	proef/Verbinden
gesprek t2 R c33-42 proef/Verbinden [Anna-de-Vries]
  verbinden
! codeer: positions.qdpx: selection aaaaaaaa-0000-4000-8000-000000000002 in source 'gesprek.txt': position 17 falls inside a CR LF line end or inside characters that normalisation joins, so it has no exact place in codeer's text; left out
! codeer: positions.qdpx: selection aaaaaaaa-0000-4000-8000-000000000003 in source 'gesprek.txt': position 31 falls inside a CR LF line end or inside characters that normalisation joins, so it has no exact place in codeer's text; left out
! codeer: positions.qdpx: selection aaaaaaaa-0000-4000-8000-000000000004 in source 'gesprek.txt': 0-52 does not fit the text (length 47); left out
? 1

# ATLAS.ti names the project file after the project, and counts CR LF as one
$ cp "$DATA/refi/atlas-named.qdpx" . && codeer import atlas-named.qdpx && cut -f1-4 atlas-named/codings/*.tsv
atlas-named.qdpx -> atlas-named: 1 scheme, 1 code, 1 source, 0 cases, 1 coder, 1 coding, 0 memos
doc	start	end	code
gesprek	33	42	proef/Verbinden
? 0

# inline text; a variable is an attribute of its case, not a case
$ cp "$DATA/refi/inline.qdpx" . && codeer import inline.qdpx >/dev/null && cat inline/cases.tsv
case	docs	leeftijd
resp-1	inline	42
? 0

# unsafe archives are refused, and leave nothing behind
$ for f in zip-slip absolute symlink bomb xxe no-qde; do cp "$DATA/refi/$f.qdpx" .; codeer import $f.qdpx --into new-$f; echo $?; done; ls -a | grep -c -e '^new-' -e codeer-tmp
2
2
2
2
2
2
0
! codeer: zip-slip.qdpx: member 'sources/../../evil.txt' has an absolute path or one that leaves the archive: refused
! codeer: nothing was imported
! codeer: absolute.qdpx: member '/tmp/evil.txt' has an absolute path or one that leaves the archive: refused
! codeer: nothing was imported
! codeer: symlink.qdpx: member 'sources/link.txt' is a symbolic link: refused
! codeer: nothing was imported
! codeer: bomb.qdpx: project.qde would inflate to 83886081 bytes, past the limit of 67108864
! codeer: nothing was imported
! codeer: xxe.qdpx:2: XML with a document type declaration (<!DOCTYPE>) is refused: entities are not allowed
! codeer: nothing was imported
! codeer: no-qde.qdpx: no project file (*.qde) at the top of the archive: not a .qdpx
! codeer: nothing was imported
? 1

# Taguette's codebook (tests/data/refi/PROVENANCE): its empty <Sets/> is
# no obstacle; the codes become one scheme named after the file
$ codeer init t >/dev/null && cp "$DATA/refi/taguette.qdc" . && codeer import taguette.qdc --into t && codeer -C t codes | cut -f1,2
taguette.qdc -> t: 1 scheme, 3 codes
taguette/interesting	interesting
taguette/people	people
taguette/interesting.places	interesting.places
? 0

# QualCoder's own export of a project codeer made (tests/data/refi/PROVENANCE):
# its byte-order marks, lower-case sources/, extra unreferenced copies of
# the sources and codings without creationDateTime
$ cp "$DATA/refi/qualcoder-export.qdpx" . && codeer import qualcoder-export.qdpx && cut -f1-4 qualcoder-export/codings/bob.tsv && cat qualcoder-export/cases.tsv && codeer -C qualcoder-export quotes --coder bob Eigen-kracht | head -4
qualcoder-export.qdpx -> qualcoder-export: 1 scheme, 4 codes, 3 sources, 3 cases, 4 coders, 8 codings, 0 memos
doc	start	end	code
gesprek	23	32	q1.qda/Eigen-kracht
mini	30	105	q1.qda/Eigen-kracht
case	docs
dutch-styles	dutch-styles
gesprek	gesprek
mini	mini
gesprek t2 R c23-32 q1.qda/Eigen-kracht [bob]
  café 😀 in

mini t2 R c30-105 q1.qda/Eigen-kracht [bob]
? 0

$ codeer init qc >/dev/null && cp "$DATA/refi/qualcoder-codebook.qdc" . && codeer import qualcoder-codebook.qdc --into qc && codeer -C qc codes | cut -f1,2
qualcoder-codebook.qdc -> qc: 1 scheme, 4 codes
qualcoder-codebook/Verbinden	Verbinden
qualcoder-codebook/Netwerk-in-de-buurt	Netwerk in de buurt
qualcoder-codebook/Eigen-kracht	Eigen kracht
qualcoder-codebook/Handmatig	Handmatig
? 0

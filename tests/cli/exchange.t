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

# import, export, import: the same project, the time each document was
# added included (a TextSource's creationDateTime)
$ mkdir again && cp q.qdpx again/p.qdpx && codeer import again/p.qdpx --into r >/dev/null && diff -r -x codeer.toml q r && echo same
same
? 0

# a coder is a User with its name as id, a document's added time is its
# TextSource's creationDateTime, and the import takes both back (not the
# time of the import, here 1970)
$ grep -o '<User [^>]*>' p.qde | sed -E 's/guid="[^"]*"/guid=G/' && test "$(grep -o '<TextSource [^>]*>' p.qde | grep -o 'creationDateTime="[^"]*"')" = "creationDateTime=\"$(grep ^added p/sources/mini.meta | cut -f2)\"" && SOURCE_DATE_EPOCH=86400 codeer import p.qdpx --into late >/dev/null && test "$(grep ^added p/sources/mini.meta)" = "$(grep ^added late/sources/mini.meta)" && echo same time
<User guid=G name="anna" id="anna"/>
same time
? 0

# a user's id, when there is one, is its coder: here 'anna', not 'Anna de Vries'
$ unzip -p p.qdpx project.qde | sed 's/name="anna" id="anna"/name="Anna de Vries" id="anna"/' > project.qde && cp p.qdpx renamed.qdpx && zip -q renamed.qdpx project.qde && codeer import renamed.qdpx && ls renamed/codings
renamed.qdpx -> renamed: 1 scheme, 4 codes, 1 source, 1 case, 1 coder, 1 coding, 1 memo
anna.tsv
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

# NVivo counts UTF-16 code units: the emoji before 'verbinden' counts two,
# so the same word as in positions.qdpx is one position further on in the
# file and lands on the same offsets; a position between the two halves of
# the emoji has no place
$ cp "$DATA/refi/nvivo-utf16.qdpx" . && codeer import nvivo-utf16.qdpx; s=$?; unzip -p nvivo-utf16.qdpx project.qde | grep -o 'startPosition="[0-9]*" endPosition="[0-9]*"' | sed -n 1p && cut -f1-4 nvivo-utf16/codings/*.tsv && codeer -C nvivo-utf16 quotes --coder Anna-de-Vries Verbinden | sed -n 2p; exit $s
nvivo-utf16.qdpx -> nvivo-utf16: 1 scheme, 1 code, 1 source, 0 cases, 1 coder, 1 coding, 0 memos; 1 thing left out
startPosition="36" endPosition="45"
doc	start	end	code
gesprek	33	42	proef/Verbinden
  verbinden
! codeer: nvivo-utf16.qdpx: selection aaaaaaaa-0000-4000-8000-000000000008 in source 'gesprek.txt': position 34 falls inside a CR LF line end, inside a character outside the BMP (two UTF-16 units) or inside characters that normalisation joins, so it has no exact place in codeer's text; left out
? 1

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

# Taguette's codebook (tests/data/refi/README.md): its empty <Sets/> is
# no obstacle; the codes become one scheme named after the file
$ codeer init t >/dev/null && cp "$DATA/refi/taguette.qdc" . && codeer import taguette.qdc --into t && codeer -C t codes | cut -f1,2
taguette.qdc -> t: 1 scheme, 3 codes
taguette/interesting	interesting
taguette/people	people
taguette/interesting.places	interesting.places
? 0

# QualCoder's own export of a project codeer made (tests/data/refi/README.md):
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

# Real exports of other programs (tests/data/refi/README.md).
# ATLAS.ti 8.4's standard project, as published without its source files:
# code groups that are whole code trees become schemes, document groups and
# everything else codeer has no place for are named with their GUID, and a
# source left out takes its selections with it
$ cp "$DATA/refi/atlas-standard.qdpx" . && codeer import atlas-standard.qdpx; s=$?; ls atlas-standard/codings && codeer -C atlas-standard codes | cut -f1,2; exit $s
atlas-standard.qdpx -> atlas-standard: 3 schemes, 14 codes, 0 sources, 0 cases, 3 coders, 0 codings, 0 memos; 30 things left out
ATLAS.ti.tsv
Friedrich-Markgraf.tsv
Sebastian-Petrausch.tsv
ATLAS.ti-standard-project/Feelings	Feelings
ATLAS.ti-standard-project/Breakfast-food	Breakfast food
Breakfast-food/Coke-full-fat-Coke	Coke::full-fat Coke
Breakfast-food/Coke-diet-Coke	Coke::diet Coke
Breakfast-food/Coke	Coke
Breakfast-food/milk	milk
Breakfast-food/bacon-and-eggs	bacon and eggs
Breakfast-food/cornflakes	cornflakes
Feelings/happiness	happiness
Feelings/disgust	disgust
Feelings/waste-of-time	waste of time
Feelings/serene	serene
Feelings/sleepy	sleepy
Feelings/rushed	"rushed"
! codeer: atlas-standard.qdpx: set 'Mabel' (C29B5DB8-2ED6-406B-BFD2-68E8E273C1E9) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'gender: male' (02B010C9-3990-4065-B09C-2D228030B01C) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'Simon' (0AC83F4E-D0AF-4A77-A842-4325EC62FA8C) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'Text files' (CDD38088-85AA-45BB-B2BC-6615A7FDAB08) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'gender: female' (70F66D5A-D617-4C2C-88B8-3CCCB0183580) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'Coke' (115F4D26-96EA-486B-BC94-B929A5F875BD) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'age: 67' (833A9A91-A304-48C0-8445-D301C84D0434) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'Images' (A8D77DB6-32D5-4AC3-82E2-900FC49A9329) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'PDFs' (CDCD293A-EB42-47EC-A42E-828EEEFED047) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'age: 25' (B7271B64-7D31-4D8B-8A21-89380C739CA6) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'Video and Audio' (2909D0DA-95E1-4184-BAF5-48FD7E4142E7) groups sources or notes, not codes, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set 'negative feelings' (C8D93AD3-1913-45D4-B2F5-F6681D19CCAD) is not a group of whole code trees, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: set '<3' (322EDFE7-C248-49CE-A094-477E02CB7177) is empty; left out
! codeer: atlas-standard.qdpx: set 'positive feelings' (05AD6FF8-9E31-4B7F-82C9-187C382C5214) is not a group of whole code trees, which codeer has no place for; left out
! codeer: atlas-standard.qdpx: source 69A4332D-5B31-4915-B520-5275CFC21B40 '1960s Coca Cola commercial - Audio.docx': its text 'internal://01106019-2518-43DD-BBD1-8F0252BACB30.txt' is not inside the archive (codeer reads no file outside it); left out
! codeer: atlas-standard.qdpx: source 51AD8E46-427A-4E6B-AFE7-BD96C1EFF0AD '1960s Coca Cola commercial - Visual.docx': its text 'internal://C8A57C71-D156-4A94-8407-2BD2FA57E2A4.txt' is not inside the archive (codeer reads no file outside it); left out
! codeer: atlas-standard.qdpx: source 57C6099B-934F-4C86-90F2-CC6C2F2A3CC3 '1994 Diet Coke-Diet Coke Break.docx': its text 'internal://230B768E-5A3D-42B7-BE92-2A3721177944.txt' is not inside the archive (codeer reads no file outside it); left out with its 1 selection
! codeer: atlas-standard.qdpx: source 17FB9CB8-7858-4291-A162-65424B9942EC 'Mabêl 2ième.txt': its text 'internal://88293C71-CB70-4AB7-8413-C24110A19C2E.txt' is not inside the archive (codeer reads no file outside it); left out with its 1 selection
! codeer: atlas-standard.qdpx: source EC0A7242-65E1-457C-B7D1-310DAE603FAB 'Mabel.txt': its text 'internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt' is not inside the archive (codeer reads no file outside it); left out with its 1 selection
! codeer: atlas-standard.qdpx: source AE5298BE-7C94-4B66-8A9C-51FBE232D2F5 'Simon.docx': its text 'internal://C1C745F7-8E4D-48B2-9710-655AFE7E54FA.txt' is not inside the archive (codeer reads no file outside it); left out with its 3 selections
! codeer: atlas-standard.qdpx: PictureSource 02255470-09E6-400B-9E20-97D71FBEC65D 'cornflakes-n-milk.jpg': only text sources are imported; left out with its 1 selection
! codeer: atlas-standard.qdpx: PDFSource 03F134F1-AB05-46E6-8702-1D6930D7F7F0 'Kellogg's Passion for Nutrition.pdf': only text sources are imported; left out
! codeer: atlas-standard.qdpx: PDFSource 2065D8AB-D724-40C9-B4E9-6EB8DAB73541 'Pay de Limón con Base de Granola | Kellogg's ®.pdf': only text sources are imported; left out with its 4 selections
! codeer: atlas-standard.qdpx: AudioSource DA744775-589A-46D3-8B26-A07ADCE1E1CA 'Jeanine's Breakfast.m4a': only text sources are imported; left out
! codeer: atlas-standard.qdpx: VideoSource 9D260347-8F7D-4161-89F7-DCC93CC34170 '1960s Coca Cola commercial.mp4': only text sources are imported; left out
! codeer: atlas-standard.qdpx: VideoSource ED105492-356D-4119-A1E2-716CF018AFED '1994 Diet Coke-Diet Coke Break.mp4': only text sources are imported; left out with its 2 selections
! codeer: atlas-standard.qdpx: note 'Research Plan' (CE15250D-46AD-42C2-B90F-A509B8D64EC8) belongs to nothing codeer keeps (the project itself, a link, a graph); left out
! codeer: atlas-standard.qdpx: note 'My favorite Coke ad' (E41BE463-FDF3-4ED0-B668-119C53D8D687) belongs to nothing codeer keeps (the project itself, a link, a graph); left out
! codeer: atlas-standard.qdpx: graphs are not imported
! codeer: atlas-standard.qdpx: links are not imported
? 1

# ATLAS.ti 23's codebook names a set's member with guid, not targetGUID
$ codeer init ac >/dev/null && cp "$DATA/refi/atlas-codebook.qdc" . && codeer import atlas-codebook.qdc --into ac && codeer -C ac codes | cut -f1,2 && grep -e title -e description -e colour -e definition ac/schemes/*.xml
atlas-codebook.qdc -> ac: 1 scheme, 1 code
code-group-1/code1	code1
  <title>code group 1</title>
  <description>kategorie 1</description>
  <code id="code1" label="code1" colour="#46AA00">
    <definition>description</definition>
? 0

# NVivo 12.6 for Windows (its project.qde alone): 152 codes under their
# parents with accents kept, a multi-line description as the definition
$ cp "$DATA/refi/nvivo-no-sources.qdpx" . && codeer import nvivo-no-sources.qdpx; s=$?; ls nvivo-no-sources/codings && codeer -C nvivo-no-sources codes | wc -l && codeer -C nvivo-no-sources codes | cut -f2,4 | sed -n 4,7p && grep -A3 "Attitud-szint" nvivo-no-sources/schemes/Untitled.xml | sed -n 1,4p; exit $s
nvivo-no-sources.qdpx -> nvivo-no-sources: 1 scheme, 152 codes, 0 sources, 0 cases, 2 coders, 0 codings, 0 memos; 2 things left out
Gergo.tsv
floriansipos.tsv
152
2. Attitűd szint az oltáshoz	
piros	Untitled/2.-Attitud-szint-az-oltashoz
sárga	Untitled/2.-Attitud-szint-az-oltashoz
zöld	Untitled/2.-Attitud-szint-az-oltashoz
  <code id="2.-Attitud-szint-az-oltashoz" label="2. Attitűd szint az oltáshoz">
    <definition>Erősen szkeptikus (piros)
Enyhén szkeptikus, kétkedő (sárga)
Elfogadó (zöld)</definition>
! codeer: nvivo-no-sources.qdpx: source ddbebe1b-306f-4271-acdd-ae1da7c06fcd 'videos_selection': its text 'internal://ddbebe1b-306f-4271-acdd-ae1da7c06fcd.txt' is not inside the archive (codeer reads no file outside it); left out
! codeer: nvivo-no-sources.qdpx: source 68bbdc14-c361-4432-b4dd-ae1dbfc12890 'videos_10_selected': its text 'internal://68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt' is not inside the archive (codeer reads no file outside it); left out with its 303 selections
? 1

# NVivo 15 for Mac: the id of a user (its initials) is its coder; a source
# with an empty text is reported, not an obstacle to the rest
$ cp "$DATA/refi/nvivo-mac.qdpx" . && codeer import nvivo-mac.qdpx; s=$?; ls nvivo-mac/codings && codeer -C nvivo-mac codes | wc -l && codeer -C nvivo-mac codes | cut -f1,4 | sed -n 1,3p; exit $s
nvivo-mac.qdpx -> nvivo-mac: 1 scheme, 262 codes, 0 sources, 0 cases, 2 coders, 0 codings, 0 memos; 2 things left out
C.tsv
CP.tsv
262
qc-project/rq1_definition	
qc-project/competencies	qc-project/rq1_definition
qc-project/programming	qc-project/competencies
! codeer: nvivo-mac.qdpx: source d097e6fd-7671-4d95-a8b6-7795fa4a72e1 '66653866-6334-3535-3435-366637306566': its plain text is empty; left out
! codeer: nvivo-mac.qdpx: source e65f5ee2-9a55-47f1-bb0b-4921d8ce15c4 '33663939-3636-3632-3038-613431643463': its plain text is empty; left out
? 1

# a code memo's Note carries the time its file was last written (QualCoder
# refuses a Note without a date), and an import sets that time back
$ cd p && touch -d '2020-05-06 07:08:09 UTC' memos/code/mini/VB.md && codeer export --qdpx ../dated.qdpx && cd .. && codeer import dated.qdpx --into dated >/dev/null && cd dated && codeer export --qdpx ../dated2.qdpx && cd .. && unzip -p dated2.qdpx project.qde | grep -o '<Note [^>]*>' | sed -E 's/guid="[^"]*"/guid=G/'
<Note guid=G name="Verbinden" modifiedDateTime="2020-05-06T07:08:09Z">
? 0

# names taken more than once: a code id and a scheme id get -2, -3, ...
# (not -2-3) after the name
$ cat > same.qdc && codeer init s2 >/dev/null && codeer import same.qdc --into s2 && codeer -C s2 codes | cut -f1
< <?xml version="1.0" encoding="utf-8"?>
< <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="handmade"><Codes>
< <Code guid="00000000-0000-4000-8000-000000000001" name="A" isCodable="true"/>
< <Code guid="00000000-0000-4000-8000-000000000002" name="A" isCodable="true"/>
< <Code guid="00000000-0000-4000-8000-000000000003" name="A" isCodable="true"/>
< <Code guid="00000000-0000-4000-8000-000000000004" name="A" isCodable="true"/>
< </Codes><Sets>
< <Set guid="00000000-0000-4000-8000-000000000011" name="X"><MemberCode targetGUID="00000000-0000-4000-8000-000000000001"/><MemberCode targetGUID="00000000-0000-4000-8000-000000000002"/></Set>
< <Set guid="00000000-0000-4000-8000-000000000012" name="X"><MemberCode targetGUID="00000000-0000-4000-8000-000000000003"/></Set>
< <Set guid="00000000-0000-4000-8000-000000000013" name="X"><MemberCode targetGUID="00000000-0000-4000-8000-000000000004"/></Set>
< </Sets></CodeBook>
same.qdc -> s2: 3 schemes, 4 codes
X/A
X/A-2
X-2/A
X-3/A
? 0

# Memos on documents and codes (Markdown files under memos/), and on
# single codings (the memo column), shown by quotes.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null
? 0

$ cd p && codeer memo mini "Interview in de wijk, 2024." && codeer memo VB "Technische verbindingen tellen niet." && codeer memo --append VB "Tweede alinea." && codeer memo VB
Technische verbindingen tellen niet.

Tweede alinea.
? 0

$ cd p && codeer memo && cat memos/doc/mini.md && ls memos/code/mini
doc	mini	Interview in de wijk, 2024.
code	mini/VB	Technische verbindingen tellen niet.
Interview in de wijk, 2024.
VB.md
? 0

$ cd p && codeer memo --clear mini && codeer memo mini && codeer memo | cut -f1,2
code	mini/VB
? 0

$ cd p && codeer code add --coder anna --memo "twijfel: is dit verbinden?" mini t2 VB > /dev/null && codeer quotes --coder anna VB
mini t2 R c30-105 mini/VB [anna]
  Ik verbind bewoners met elkaar. De internetverbinding in de wijk is slecht.
  memo: twijfel: is dit verbinden?

1 segment coded mini/VB
? 0

$ cd p && codeer memo nosuch "x"
! codeer: 'nosuch' is neither a document, a code nor a case of the project
? 2

$ cd p && codeer memo --doc VB
! codeer: no document 'VB' in the project (see 'codeer docs')
? 2

# a memo that is there is never replaced unasked: refused, unchanged
$ cd p && codeer memo VB "Vervangen zonder te vragen."; s=$?; cat memos/code/mini/VB.md; exit $s
Technische verbindingen tellen niet.

Tweede alinea.
! codeer: code mini/VB already has a memo (use --append to add to it or --replace to replace it)
? 2

$ cd p && codeer memo --replace VB "Alleen sociale verbindingen." && codeer memo VB
Alleen sociale verbindingen.
? 0

$ cd p && codeer memo mini "Eerste versie." && codeer memo mini "Tweede versie."; s=$?; codeer memo mini; exit $s
Eerste versie.
! codeer: document mini already has a memo (use --append to add to it or --replace to replace it)
? 2

$ cd p && codeer memo --append --replace mini "x"
! codeer memo: give one of --append, --replace and --clear
! usage: codeer memo [--doc] [--code] [--case] [--project] [--append]
!                    [--replace] [--clear] [--format F] [TARGET [TEXT...]]
!        codeer memo list [--kind doc|code|case|project] [--doc ID]...
!                         [--case ID]... [--code CODE]... [--format F]
!        codeer memo grep [--kind doc|code|case|project] [--case-sensitive]
!                         [--format F] PATTERN
? 2

$ cd p && codeer memo --replace mini
! codeer memo: --replace needs the TEXT to write
! usage: codeer memo [--doc] [--code] [--case] [--project] [--append]
!                    [--replace] [--clear] [--format F] [TARGET [TEXT...]]
!        codeer memo list [--kind doc|code|case|project] [--doc ID]...
!                         [--case ID]... [--code CODE]... [--format F]
!        codeer memo grep [--kind doc|code|case|project] [--case-sensitive]
!                         [--format F] PATTERN
? 2

# a name is a document or a code: both at once is refused, nothing written
$ cd p && codeer memo --doc --code mini "x"; s=$?; codeer memo mini; exit $s
Eerste versie.
! codeer memo: give one of --doc, --code, --case and --project
! usage: codeer memo [--doc] [--code] [--case] [--project] [--append]
!                    [--replace] [--clear] [--format F] [TARGET [TEXT...]]
!        codeer memo list [--kind doc|code|case|project] [--doc ID]...
!                         [--case ID]... [--code CODE]... [--format F]
!        codeer memo grep [--kind doc|code|case|project] [--case-sensitive]
!                         [--format F] PATTERN
? 2

$ cd p && codeer memo --code VB && codeer memo list --format tsv
Alleen sociale verbindingen.
kind	target	memo
doc	mini	Eerste versie.
code	mini/VB	Alleen sociale verbindingen.
? 0

$ cd p && codeer memo --format xlsx
! codeer memo: --format takes table, plain, tsv, csv, json, md, html; not 'xlsx'
! usage: codeer memo [--doc] [--code] [--case] [--project] [--append]
!                    [--replace] [--clear] [--format F] [TARGET [TEXT...]]
!        codeer memo list [--kind doc|code|case|project] [--doc ID]...
!                         [--case ID]... [--code CODE]... [--format F]
!        codeer memo grep [--kind doc|code|case|project] [--case-sensitive]
!                         [--format F] PATTERN
? 2

# ---- memos on cases and on the project; memo list with filters; memo grep
$ cd p && codeer memo --case mini "Buurtbewoner, eerste interview." && codeer memo --project "Onderzoeksvraag: wat is eigen kracht?" && codeer memo --code EK "Wat mensen zelf doen." && codeer memo list
project	project	Onderzoeksvraag: wat is eigen kracht?
doc	mini	Eerste versie.
case	mini	Buurtbewoner, eerste interview.
code	mini/EK	Wat mensen zelf doen.
code	mini/VB	Alleen sociale verbindingen.
? 0

$ cd p && codeer memo --project && codeer memo --project "Tweede vraag." ; echo "exit $?"
Onderzoeksvraag: wat is eigen kracht?
exit 2
! codeer: the project already has a memo (use --append to add to it or --replace to replace it)
? 0

$ cd p && codeer memo --project --append "Tweede vraag: wie helpt?" && ls memos && codeer memo --project
case
code
doc
project.md
Onderzoeksvraag: wat is eigen kracht?

Tweede vraag: wie helpt?
? 0

$ cd p && codeer memo --case nobody "x"
! codeer: no case 'nobody' in the project (see 'codeer cases')
? 2

$ cd p && codeer memo list --case mini
doc	mini	Eerste versie.
case	mini	Buurtbewoner, eerste interview.
? 0

$ cd p && codeer memo list --code VB --format tsv
kind	target	memo
code	mini/VB	Alleen sociale verbindingen.
? 0

$ cd p && codeer memo list --kind code --doc mini
? 0

$ cd p && codeer memo list --doc nope
! codeer: no document 'nope' in the project (see 'codeer docs')
? 2

$ cd p && codeer memo list --kind person
! codeer memo list: --kind takes doc, code, case, project; not 'person'
! usage: codeer memo list [--kind doc|code|case|project] [--doc ID]...
!                         [--case ID]... [--code CODE]... [--format F]
? 2

$ cd p && codeer memo grep 'vraag'
project	project	1	Onderzoeksvraag: wat is eigen kracht?
project	project	3	Tweede vraag: wie helpt?
? 0

$ cd p && codeer memo grep --case-sensitive 'tweede' --format json; echo "exit $?"
[]
exit 1
? 0

$ cd p && codeer memo grep --kind doc 'vraag'; echo "exit $?"
exit 1
? 0

$ cd p && codeer memo grep '(open'
! codeer: pattern '(open': missing closing parenthesis at offset 5
? 2

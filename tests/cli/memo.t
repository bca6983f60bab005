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
! codeer: 'nosuch' is neither a document nor a code of the project
? 2

$ cd p && codeer memo --doc VB
! codeer: no document 'VB' in the project (see 'codeer docs')
? 2

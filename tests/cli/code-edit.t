# code edit: the turns and the coder's codes in an editor (EDITOR is a
# script here): the file as shown, a code added, removed, a part of a turn
# coded by phrase and by sentence, a typo refused and corrected at the
# second opening, an unchanged save and a quit without saving that write
# nothing, a stale edit refused, the editor failing, and runaway scripts.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer code add --coder anna mini t1 VB >/dev/null && codeer code add --coder anna mini c131-143 EK >/dev/null
? 0

# The file: a line per turn with its codes after ||, a part of a turn as
# CODE[cA-B] with its words in a comment, the text wrapped, the codebook.
$ cd p && VISUAL= EDITOR=cat codeer code edit --coder anna mini
# codeer code edit: document mini, coder anna
#
# Each turn is a line "tN SPEAKER [TIME] || CODES" with its text below it.
# Edit the codes after "||", separated by commas or spaces:
#   CODE           codes the whole turn
#   CODE[cA-B]     codes the code points A up to B of the turn
#   CODE[sN]       codes sentence N, which lies in the turn
#   CODE["words"]  codes these words, which occur once in the turn
# CODE is a code id, or scheme/code (the codes are listed at the end). A
# code taken away removes that coding of anna's; a code added is a new
# coding. The text cannot be changed here; lines starting with # are
# comments. Save and quit to apply, quit without saving to change nothing.

t1 I || VB
    Hoe verbindt u mensen?

t2 R ||
    Ik verbind bewoners met elkaar. De internetverbinding in de wijk is
    slecht.

t3 I ||
    En eigen kracht?

t4 R || EK[c131-143]
#   EK[c131-143] "Eigen kracht"
    Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goed
    vind ik. Een netwerk is er altijd wel, maar niet dichtbij zoals de
    buurt.

t5 R ||
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac
    in de buurt.

# The codes:
#   VB        Verbinden
#     VB.NET  Netwerk in de buurt
#   EK        Eigen kracht
#   HAND      Handmatig
! codeer: no changes: nothing written
? 0

# VISUAL comes before EDITOR; a code added to a turn codes the whole turn
$ cd p && VISUAL="sed -i 's/^t2 R ||\$/t2 R || VB.NET/'" EDITOR=false codeer code edit --coder anna mini && codeer code list --coder anna | cut -f3-5
added	t2	c30-105	mini/VB.NET
3	25	mini/VB
30	105	mini/VB.NET
131	143	mini/EK
? 0

# taken away: exactly the coding shown (a part of t4 here); a code moved
# to another turn is a removal and an addition; spaces separate as commas do
$ cd p && VISUAL= EDITOR="sed -i -e 's/^t4 R || EK.*/t4 R ||/' -e 's/^t1 I || VB\$/t1 I ||/' -e 's/^t3 I ||\$/t3 I || VB HAND/'" codeer code edit --coder anna mini && codeer code list --coder anna | cut -f3-5
removed	t1	c3-25	mini/VB
removed	t4	c131-143	mini/EK
added	t3	c110-126	mini/HAND
added	t3	c110-126	mini/VB
30	105	mini/VB.NET
110	126	mini/HAND
110	126	mini/VB
? 0

# parts of a turn: by phrase (once in the turn), by sentence, by code points;
# scheme/code is as good as the id
$ cd p && VISUAL= EDITOR="sed -i 's/^t4 R ||\$/t4 R || EK[\"Eigen kracht staat voorop\"], mini\/VB.NET[s6], HAND[c200-210]/'" codeer code edit --coder anna mini && codeer show mini s6
added	t4	c131-156	mini/EK
added	t4	c158-211	mini/VB.NET
added	t4	c200-210	mini/HAND
# mini s6 c158-211 t4 R
Het netwerk in de buurt helpt echt heel goed vind ik.
? 0

# shown again as parts, each with its words
$ cd p && VISUAL= EDITOR=cat codeer code edit --coder anna mini 2>/dev/null | sed -n '/^t4/,/^$/p'
t4 R || EK[c131-156], VB.NET[c158-211], HAND[c200-210]
#   EK[c131-156] "Eigen kracht staat voorop"
#   VB.NET[c158-211] "Het netwerk in de buurt helpt echt heel goed vind ik."
#   HAND[c200-210] "ed vind ik"
    Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goed
    vind ik. Een netwerk is er altijd wel, maar niet dichtbij zoals de
    buurt.

? 0

# A typo: refused, the editor reopened with the error above its line; the
# script corrects it there and the edit is applied.
$ printf '#!/bin/sh\nif grep -q "^# error:" "$1"; then grep -B1 "^t5" "$1" >> ../seen; sed -i "s/^t5 R || VBB/t5 R || VB/" "$1"; else sed -i "s/^t5 R ||\\$/t5 R || VBB/" "$1"; fi\n' > typo.sh && chmod +x typo.sh && cd p && VISUAL= EDITOR=../typo.sh codeer code edit --coder anna mini && cat ../seen
added	t5	c281-429	mini/VB
# error: t5: no code 'VBB' in the project's schemes (see 'codeer codes')
t5 R || VBB
! codeer: line 32: t5: no code 'VBB' in the project's schemes (see 'codeer codes')
! codeer: reopening the editor: each mistake is marked '# error:' above its line
? 0

# Saving the file unchanged, and quitting without saving: nothing written
$ cd p && cp codings/anna.tsv ../before.tsv && VISUAL= EDITOR=touch codeer code edit --coder anna mini && VISUAL= EDITOR=true codeer code edit --coder anna mini && cmp ../before.tsv codings/anna.tsv && echo same
same
! codeer: no changes: nothing written
! codeer: no changes: nothing written
? 0

# A file emptied: the user gave up; nothing written
$ cd p && VISUAL= EDITOR="sed -i d" codeer code edit --coder anna mini && cmp ../before.tsv codings/anna.tsv && echo same
same
! codeer: the file has no turn lines left: nothing written
? 0

# Mistakes left as they were when the editor closes again: nothing is
# written and the edit is kept (the text changed, a turn line gone)
$ cd p && VISUAL= EDITOR="sed -i -e 's/Hoe verbindt/Hoe verbond/' -e '/^t3/d'" TMPDIR=$PWD/.. codeer code edit --coder anna mini 2>../err; echo "exit $?"; sed 's#[^ ]*/codeer-edit-[^/]*/#TMP/#' ../err; cmp ../before.tsv codings/anna.tsv && echo same
exit 2
codeer: line 15: t1: the turn's text differs from the document here; only the codes after || can be changed (restore the text, or quit without saving)
codeer: line 21: t2: the turn's text differs from the document here; only the codes after || can be changed (restore the text, or quit without saving)
codeer: line 23: t3 is missing: every turn keeps its line (empty its codes to remove them)
codeer: reopening the editor: each mistake is marked '# error:' above its line
codeer: the mistakes are still there: nothing changed
codeer: the edited file is kept as TMP/mini.txt
same
? 0

# A script that makes a new mistake every time is stopped
$ cd p && VISUAL= EDITOR="sed -i 's/^t1 I ||.*/& X/'" TMPDIR=$PWD/.. codeer code edit --coder anna mini 2>../err; echo "exit $?"; tail -2 ../err | sed 's#[^ ]*/codeer-edit-[^/]*/#TMP/#'; cmp ../before.tsv codings/anna.tsv && echo same
exit 2
codeer: mistakes after 20 rounds in the editor: nothing changed
codeer: the edited file is kept as TMP/mini.txt
same
? 0

# Stale: another writer changes anna's codings while the editor is open;
# the edit is refused and kept, the other writer's coding stays
$ cd p && VISUAL= EDITOR="codeer code add --coder anna mini t3 EK >/dev/null; sed -i 's/^t2 R || VB.NET\$/t2 R ||/'" TMPDIR=$PWD/.. codeer code edit --coder anna mini 2>../err; echo "exit $?"; sed 's#[^ ]*/codeer-edit-[^/]*/#TMP/#' ../err; codeer code list --coder anna | cut -f3-5
exit 2
codeer: anna's codings changed while the editor was open (another codeer or the coding page wrote them): nothing written; run code edit again
codeer: the edited file is kept as TMP/mini.txt
30	105	mini/VB.NET
110	126	mini/EK
110	126	mini/HAND
110	126	mini/VB
131	156	mini/EK
158	211	mini/VB.NET
200	210	mini/HAND
281	429	mini/VB
? 0

# Another coder's codings are not touched; a new coder starts with none
$ cd p && codeer code add --coder bert mini t2 HAND >/dev/null && VISUAL= EDITOR="sed -i 's/^t2 R ||\$/t2 R || EK/'" codeer code edit --coder carla mini && codeer code list --coder bert,carla | cut -f1,3-5
added	t2	c30-105	mini/EK
bert	30	105	mini/HAND
carla	30	105	mini/EK
? 0

# The editor failing (vim's :cq) changes nothing
$ cd p && VISUAL= EDITOR=false codeer code edit --coder anna mini
! codeer: the editor 'false' failed (exit status 1): nothing changed
? 2

$ cd p && VISUAL= EDITOR=cat codeer code edit --coder anna nodoc
! codeer: no document 'nodoc' in the project (see 'codeer docs')
? 2

$ cd p && codeer code edit --coder 'a b' mini
! codeer code edit: 'a b' is not a valid coder name (letters, digits, _ - .)
! usage: codeer code edit [--coder NAME] DOC
? 2

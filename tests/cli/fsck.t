# codeer fsck: a sound project, and each kind of damage found and named,
# one line each, relative to the project; nothing is changed.

$ codeer init p >/dev/null && cp "$CORPORA/s000-professional-2.txt" "$CORPORA/s000-professional-3.txt" p/ && cd p && codeer add s000-professional-2.txt s000-professional-3.txt >/dev/null && codeer fsck
? 0

# codings: a row that cannot be read, one for a document that is not in
# the project, one past the end of its text
$ cd p && printf 'doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\ns000-professional-2\t16\t40\tmini/VB\tmanual\t\t\t\ns000-professional-2\t40\t16\tmini/VB\tmanual\t\t\t\nweg\t1\t5\tmini/EK\tmanual\t\t\t\ns000-professional-3\t200\t237\tmini/EK\tmanual\t\t\t\n' > codings/anna.tsv && codeer fsck
codings/anna.tsv:3: unreadable coding row kept as it is (expected doc, start < end, code, ...)
codings/anna.tsv: weg c1-5 mini/EK: no document 'weg' in the project
codings/anna.tsv: s000-professional-3 c200-237 mini/EK: ends past the text (236 characters)
? 1

# a source changed after it was added, a turn past the end of its text,
# a case naming a missing document, a text without its description
$ cd p && rm codings/anna.tsv && echo extra >> sources/s000-professional-3.txt && sed -i 's/^turn\t331\t421/turn\t331\t999/' sources/s000-professional-2.meta && printf 'andere\tweg\n' >> cases.tsv && echo tekst > sources/los.txt && codeer fsck
sources/s000-professional-2.meta:14: turn ends past the text (length 422)
sources/s000-professional-3.txt: does not match the sha256 in sources/s000-professional-3.meta (changed after it was added)
sources/los.txt: no sources/los.meta beside it (not a document of the project)
cases.tsv: case 'andere' names document 'weg', which is not in the project
? 1

# --quiet: only the exit status
$ cd p && codeer fsck --quiet
? 1

# a description that contradicts its text, and one with a key twice
$ codeer init q >/dev/null && cp "$CORPORA/s000-professional-2.txt" "$CORPORA/s000-professional-3.txt" q/ && cd q && codeer add s000-professional-2.txt s000-professional-3.txt >/dev/null && sed -i 's/^length\t236/length\t300/' sources/s000-professional-3.meta && printf 'length\t422\n' >> sources/s000-professional-2.meta && codeer fsck
sources/s000-professional-2.meta:24: 'length' given twice (first on line 10)
sources/s000-professional-3.meta: length 300, but sources/s000-professional-3.txt has 236 characters
? 1

# an add killed at its third rename (the journal, one text, then the
# kill): fsck reports the unfinished change, its staged files and the
# text already renamed, and completes nothing; the next command does
$ codeer init r >/dev/null && cp "$CORPORA/s000-professional-2.txt" "$CORPORA/s000-professional-3.txt" r/ && cd r && CODEER_FAULT=rename:3 codeer add s000-professional-2.txt s000-professional-3.txt >/dev/null 2>&1; echo "add $?"; codeer fsck | sed 's/tmp-[A-Za-z0-9]*/tmp-X/' | sort; echo "fsck $?"; codeer docs | cut -f1; codeer fsck; echo "fsck $?"
add 137
.codeer-journal: an unfinished change (the next command completes it)
.codeer-tmp-X: a temporary file left by an interrupted command (the next codeer command removes it)
sources/.codeer-tmp-X: a temporary file left by an interrupted command (the next codeer command removes it)
sources/.codeer-tmp-X: a temporary file left by an interrupted command (the next codeer command removes it)
sources/.codeer-tmp-X: a temporary file left by an interrupted command (the next codeer command removes it)
sources/s000-professional-2.txt: no sources/s000-professional-2.meta beside it (not a document of the project)
fsck 1
s000-professional-2
s000-professional-3
fsck 0
? 0

$ mkdir leeg && cd leeg && codeer fsck
! codeer: not in a codeer project (no codeer.toml in . or its parents); run 'codeer init' or use -C DIR
? 2

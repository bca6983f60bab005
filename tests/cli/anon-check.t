# codeer anon-check: personal data left in transcripts; exit 1 when found.

$ codeer init p >/dev/null && cp "$DATA/anon.txt" "$CORPORA/s003-participant-12.txt" p/ && cd p && codeer add anon.txt s003-participant-12.txt >/dev/null
? 0

$ cd p && codeer anon-check anon
anon	t2	c80-101	email	m.jansen@voorbeeld.nl
anon	t2	c120-131	phone	06-12345678
anon	t4	c169-176	postcode	1234 AB
anon	t4	c197-206	bsn	111222333
anon	t6	c293-300	name	Marieke
anon	t6	c323-334	phone	020-1234567
! codeer: 6 possible personal data items found
? 1

# the span points at the text itself
$ cd p && codeer show anon c197-206 | tail -1
111222333
? 0

# a transcript from the corpus is clean: exit 0, no output
$ cd p && codeer anon-check s003-participant-12
? 0

# names come from a list; add your own with --names or anon-names.txt
$ cd p && printf 'R: Ik sprak met Gerrit en Aafke.\n' > names.txt && codeer add names.txt >/dev/null && codeer anon-check names
? 0

$ cd p && printf '# extra names\nGerrit\n' > extra.txt && codeer anon-check --names extra.txt names
names	t1	c16-22	name	Gerrit
! codeer: 1 possible personal data item found
? 1

$ set -o pipefail; cd p && echo Aafke > anon-names.txt && codeer anon-check --format csv names | tr -d '\r'
doc,turn,span,kind,text
names,t1,c26-31,name,Aafke
! codeer: 1 possible personal data item found
? 1

$ set -o pipefail; cd p && codeer anon-check --no-default-names anon | cut -f4
email
phone
postcode
bsn
phone
! codeer: 5 possible personal data items found
? 1

# 123456789 fails the 11-test, so it is not reported as a BSN
$ cd p && printf 'R: Dossiernummer 123456789.\n' > nr.txt && codeer add nr.txt >/dev/null && codeer anon-check nr
? 0

# --names may be given more than once; every file counts
$ cd p && printf 'Aafke\n' > more.txt && rm anon-names.txt && codeer anon-check --names extra.txt --names more.txt --no-default-names names
names	t1	c16-22	name	Gerrit
names	t1	c26-31	name	Aafke
! codeer: 2 possible personal data items found
? 1

$ cd p && codeer anon-check nosuch
! codeer: no document 'nosuch' in the project (see 'codeer docs')
? 2

$ cd p && codeer anon-check --names missing.txt anon
! codeer: missing.txt: cannot open the names file
? 2

# json: one document; a find outside every turn has turn null
$ set -o pipefail; cd p && printf 'Gesprek met j.smit@example.nl op 3 maart.\n\nR: Goed.\n' > pre.txt && codeer add pre.txt >/dev/null && codeer anon-check --format json pre | python3 -c 'import json,sys; print(json.load(sys.stdin))'
[{'doc': 'pre', 'turn': None, 'span': 'c12-29', 'kind': 'email', 'text': 'j.smit@example.nl'}]
! codeer: 1 possible personal data item found
? 1

# json byte for byte: a hit outside every turn has turn null
$ cd p && codeer anon-check --format json pre anon | sed -n 1,3p
[
 {"doc": "pre", "turn": null, "span": "c12-29", "kind": "email", "text": "j.smit@example.nl"},
 {"doc": "anon", "turn": "t2", "span": "c80-101", "kind": "email", "text": "m.jansen@voorbeeld.nl"},
! codeer: 7 possible personal data items found
? 1

# nothing found: exit 0, and json is still a document
$ cd p && codeer anon-check --format json nr
[]
? 0

# ... while the aligned table for a person prints nothing, not a lone header
$ cd p && codeer anon-check --format table nr
? 0

# -o FILE: written also when something is found (exit 1 is a finding, not
# a failure); the format from the extension
$ cd p && codeer anon-check -o found.tsv pre; echo "exit $?"; cat found.tsv
exit 1
doc	turn	span	kind	text
pre		c12-29	email	j.smit@example.nl
! codeer: 1 possible personal data item found
? 0

$ cd p && codeer anon-check -o found.xlsx pre; ls found.xlsx
! codeer: found.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
! ls: cannot access 'found.xlsx': No such file or directory
? 2

$ cd p && codeer anon-check --format xml pre
! codeer anon-check: --format takes table, plain, tsv, csv, json, md, html; not 'xml'
! usage: codeer anon-check [--names FILE]... [--no-default-names] [--format F]
!                          [-o FILE] [DOC...]
? 2

$ cd p && codeer anon-check --names
! codeer anon-check: option '--names' needs a value
! usage: codeer anon-check [--names FILE]... [--no-default-names] [--format F]
!                          [-o FILE] [DOC...]
? 2

$ cd p && codeer anon-check --help | tail -1
Exit status: 0 nothing found; 1 something found; 2 an error, usage errors included.
? 0

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

$ cd p && codeer anon-check nosuch
! codeer: no document 'nosuch' in the project (see 'codeer docs')
? 2

$ cd p && codeer anon-check --names missing.txt anon
! codeer: missing.txt: cannot open the names file
? 2

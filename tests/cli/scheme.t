# Code schemes: add (validated against the built-in XML Schema), list,
# show, codes, and the lint of scheme check.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" | cut -f1
mini
? 0

$ cd p && codeer scheme list --format table
scheme  codes  coded-by-rules  rules  title
mini        4               3      3  Testschema
? 0

$ cd p && codeer codes --tree
mini/VB	Verbinden	1	
  mini/VB.NET	Netwerk in de buurt	1	mini/VB
mini/EK	Eigen kracht	1	
mini/HAND	Handmatig	0	
? 0

$ cd p && codeer scheme show mini | head -9
mini: Testschema

mini/VB  Verbinden
    definition: Verbinden, behalve technische verbindingen.
    rule r1 (match): \bverbind\w*
      unless: \binternetverbinding\w*

  mini/VB.NET  Netwerk in de buurt
      definition: Netwerk, alleen vlak bij buurt of wijk.
? 0

# the same id again only with --replace
$ cd p && codeer scheme add "$DATA/schemes/mini.xml" 2>&1 | sed "s|$DATA|DATA|"
codeer: DATA/schemes/mini.xml: the project already has a scheme 'mini' (use --replace to update it)
? 0

$ cd p && codeer scheme add --replace "$DATA/schemes/mini.xml" | cut -f1
mini
? 0

# a scheme that fails the XML Schema: the line and what is wrong; nothing added
$ cd p && cp "$DATA/schemes/invalid-xsd.xml" . && codeer scheme add invalid-xsd.xml; s=$?; ls schemes; exit $s
mini.xml
! codeer: invalid-xsd.xml:6: Element '{urn:codeer:scheme:1}rule', attribute 'scope': [facet 'enumeration'] The value 'paragraaf' is not an element of the set {'match', 'sentence', 'turn', 'paragraph'}.
? 2

# an invalid regular expression: the pattern and the offset
$ cd p && cp "$DATA/schemes/bad-regex.xml" . && codeer scheme add bad-regex.xml
! codeer: bad-regex.xml:6: rule badregex/A#r1: pattern '\bverbind(en|ing': missing closing parenthesis at offset 16
? 2

$ cd p && codeer scheme check bad-regex.xml invalid-xsd.xml
bad-regex.xml:6: rule badregex/A#r1: pattern '\bverbind(en|ing': missing closing parenthesis at offset 16
invalid-xsd.xml:6: Element '{urn:codeer:scheme:1}rule', attribute 'scope': [facet 'enumeration'] The value 'paragraaf' is not an element of the set {'match', 'sentence', 'turn', 'paragraph'}.
? 1

$ cd p && printf '<scheme xmlns="urn:codeer:scheme:1" id="x" version="1"><title>X</title>\n<code id="A" label="A"><definition>a</definition></code>\n<code id="A" label="B"><definition>b</definition></code></scheme>\n' > dup.xml && codeer scheme check dup.xml
dup.xml:3: Element '{urn:codeer:scheme:1}code': Duplicate key-sequence ['A'] in unique identity-constraint '{urn:codeer:scheme:1}uniqueCodeId'.
? 1

$ cd p && printf '<?xml version="1.0"?>\n<!DOCTYPE scheme [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<scheme/>\n' > xxe.xml && codeer scheme add xxe.xml
! codeer: xxe.xml:2: XML with a document type declaration (<!DOCTYPE>) is refused: entities are not allowed
? 2

# the lint on the project: a rule that matches in too many turns
$ cd p && codeer scheme check
./schemes/mini.xml:7: rule mini/VB#r1 matches in 40% of the turns (2 of 5; more than 30%)
! codeer: 1 problem found
? 1

$ cd p && codeer scheme check --max-share 0.5
? 0

# a pattern at risk of catastrophic backtracking hits PCRE2's match limit
$ cd p && codeer scheme add "$DATA/schemes/backtrack.xml" >/dev/null && codeer scheme check backtrack
./schemes/backtrack.xml:6: rule backtrack/SLOW#r1 hit the PCRE2 match limit in 1 turn (catastrophic backtracking?)
./schemes/backtrack.xml:6: rule backtrack/SLOW#r1 matches nothing in the project's 1 documents
./schemes/backtrack.xml:12: rule backtrack/OK#r1 matches in 40% of the turns (2 of 5; more than 30%)
! codeer: 3 problems found
? 1

$ cd p && codeer codes --scheme nope
! codeer: no scheme 'nope' in the project (see 'codeer scheme list')
? 2

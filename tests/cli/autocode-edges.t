# Edge cases of the rule engine (tests/data/edge.txt, schemes/edge.xml):
# P: a paragraph-scope match that spans two paragraphs takes both;
# T: an <unless> with two alternatives vetoes "team" in "de wijk team"
#    although its first alternative "de wijk" matches first;
# L: a pattern that hits the match limit in t3 keeps "ab", found before
#    the limit was hit, with and without the prefilter (which stops the
#    search after "ab", where no match can start any more, and so gives
#    no message);
# U: an <unless> that hits the match limit skips the rule for that turn
#    (otherwise "buurt" would be coded for want of a veto);
# C: a class range ending in a non-ASCII letter ("caf[a-é]") is found
#    with and without the Hyperscan prefilter; attribute values with
#    spaces around (id=" r1 ", scope=" match ") read as the schema does.

$ codeer init p >/dev/null && cp "$DATA/edge.txt" p/ && cd p && codeer add edge.txt >/dev/null && codeer scheme add "$DATA/schemes/edge.xml" >/dev/null
? 0

$ cd p && codeer autocode --dry-run --format tsv
doc	turn	span	code	origin	text
edge	t1	c3-42	edge/P	rule:edge/P#r1	Ik bel vaak. Ze bellen terug naar ons.
edge	t3	c69-71	edge/L	rule:edge/L#r1	ab
edge	t4	c154-158	edge/C	rule:edge/C#r1	café
! codeer: edge t3: rule edge/L#r1 hit the match limit; skipped for the rest of that turn
! codeer: edge t3: rule edge/U#r1 hit the match limit; skipped for the rest of that turn
? 0

$ cd p && CODEER_PREFILTER=on codeer autocode --dry-run --format tsv 2>/dev/null | cut -f3,4
span	code
c3-42	edge/P
c69-71	edge/L
c154-158	edge/C
? 0

# a document named twice is coded once; a coder's own coding equal to a
# proposal is not doubled
$ cd p && codeer autocode --doc edge --doc edge 2>/dev/null && codeer code add --coder eva edge c154-158 edge/C >/dev/null && codeer autocode --coder eva 2>/dev/null && codeer code list --coder eva | cut -f3-6
3 codings in 1 document for coder auto (3 new, 0 gone, 0 kept as rejected)
2 codings in 1 document for coder eva (2 new, 0 gone, 0 kept as rejected)
3	42	edge/P	rule:edge/P#r1
69	71	edge/L	rule:edge/L#r1
154	158	edge/C	manual
? 0

# a stray file in codings/ is not a coder
$ cd p && cp codings/eva.tsv "codings/eva (kopie).tsv" && codeer code list | cut -f1 | sort -u
auto
eva
? 0

# kwic says when the match limit stopped the search of a document
$ cd p && codeer kwic --width 3 '(?:a+)+b|buurt'
edge	t3	c69-71	R: 	ab	 aa
! codeer: edge: the pattern hit PCRE2's match limit; the rest of this document was not searched
? 0

$ cd p && codeer scheme check nosuch
! codeer: no scheme 'nosuch' in the project (see 'codeer scheme list')
? 2

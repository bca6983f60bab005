# autocode on tests/data/mini.txt with tests/data/schemes/mini.xml, where
# each rule uses one feature: VB has an <unless> (internetverbinding is
# not "verbinden"), VB.NET a <near words="3"> (netwerk near buurt/wijk),
# EK a speaker-not="^I$" with turn scope. Then idempotent reruns,
# rejections, the match limit, broken rows and the lock.

$ codeer init p >/dev/null && cp "$DATA/mini.txt" p/ && cd p && codeer add mini.txt >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null
? 0

# t2's "internetverbinding" is vetoed; t3 is the interviewer (EK excluded);
# EK widens to its whole turn; only t4's first netwerk is near "buurt"
$ cd p && codeer autocode --dry-run
doc	turn	span	code	origin	text
mini	t1	c7-15	mini/VB	rule:mini/VB#r1	verbindt
mini	t2	c33-40	mini/VB	rule:mini/VB#r1	verbind
mini	t4	c131-276	mini/EK	rule:mini/EK#r1	Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goe…
mini	t4	c158-211	mini/VB.NET	rule:mini/VB.NET#r1	Het netwerk in de buurt helpt echt heel goed vind ik.
? 0

$ cd p && ls codings
? 0

$ cd p && codeer autocode
4 codings in 1 document for coder auto (4 new, 0 gone, 0 kept as rejected)
? 0

$ cd p && cat codings/auto.tsv
doc	start	end	code	origin	created	memo	status
mini	7	15	mini/VB	rule:mini/VB#r1	2025-11-25T00:00:00Z		
mini	33	40	mini/VB	rule:mini/VB#r1	2025-11-25T00:00:00Z		
mini	131	276	mini/EK	rule:mini/EK#r1	2025-11-25T00:00:00Z		
mini	158	211	mini/VB.NET	rule:mini/VB.NET#r1	2025-11-25T00:00:00Z		
? 0

# a rerun, even at another time, gives the same file byte for byte
$ cd p && cp codings/auto.tsv before && SOURCE_DATE_EPOCH=1900000000 codeer autocode && cmp codings/auto.tsv before && echo identical
4 codings in 1 document for coder auto (0 new, 0 gone, 0 kept as rejected)
identical
? 0

# a rejected proposal stays rejected when autocode runs again
$ cd p && codeer code reject mini t4 mini/VB.NET && codeer autocode && grep VB.NET codings/auto.tsv | cut -f4,8
rejected 1 coding of mini/VB.NET in mini t4
4 codings in 1 document for coder auto (0 new, 0 gone, 1 kept as rejected)
mini/VB.NET	rejected
? 0

$ cd p && codeer autocode --coder anna --doc mini --scheme mini && cut -f1-4 codings/anna.tsv
4 codings in 1 document for coder anna (4 new, 0 gone, 0 kept as rejected)
doc	start	end	code
mini	7	15	mini/VB
mini	33	40	mini/VB
mini	131	276	mini/EK
mini	158	211	mini/VB.NET
? 0

# a pattern that backtracks catastrophically on t5 ("aaaa...c") is reported
# and skipped for that turn only; the other rule still codes every "buurt",
# the one in t5 (c423-428) too
$ cd p && codeer scheme add "$DATA/schemes/backtrack.xml" >/dev/null && codeer autocode --scheme backtrack && cut -f2-4 codings/auto.tsv | grep backtrack
3 codings in 1 document for coder auto (3 new, 0 gone, 0 kept as rejected)
176	181	backtrack/OK
270	275	backtrack/OK
423	428	backtrack/OK
! codeer: mini t5: rule backtrack/SLOW#r1 hit the match limit; skipped for the rest of that turn
? 0

# the mini scheme's codings were left alone by the backtrack-only run
$ cd p && grep -c 'mini/' codings/auto.tsv
4
? 0

# a hand edit gone wrong: the line is named, the row kept as it was
$ cd p && printf 'mini\tten\t5\tmini/VB\n' >> codings/auto.tsv && codeer autocode --scheme mini && tail -1 codings/auto.tsv
4 codings in 1 document for coder auto (0 new, 0 gone, 1 kept as rejected)
mini	ten	5	mini/VB
! codeer: ./codings/auto.tsv:9: unreadable coding row kept as it is (expected doc, start < end, code, ...)
? 0

# the lock: a second writer waits for the first, and nothing is corrupted.
# The first holds the lock until the second says it waits (or 20 s pass,
# and then 'waited' is missing): no race with how fast codeer starts
$ cd p && rm -f held err && (flock .codeer.lock sh -c 'touch held; i=0; while ! grep -q "waiting for it" err 2>/dev/null && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done' &) && while [ ! -e held ]; do sleep 0.05; done && codeer autocode --scheme mini >out 2>err; s=$?; cat out err | sed 's/^codeer: .*waiting for it$/waited/' | sort; rm -f held err out; exit $s
4 codings in 1 document for coder auto (0 new, 0 gone, 1 kept as rejected)
codeer: ./codings/auto.tsv:9: unreadable coding row kept as it is (expected doc, start < end, code, ...)
waited
? 0

$ cd p && for i in 1 2 3 4; do codeer autocode --scheme mini > /dev/null 2>&1 & done; wait; grep -c . codings/auto.tsv
9
? 0

$ cd p && codeer autocode --scheme nope
! codeer: no scheme 'nope' in the project (see 'codeer scheme list')
? 2

$ cd p && codeer autocode --doc nope
! codeer: no document 'nope' in the project (see 'codeer docs')
? 2

# --dry-run's listing is a table: piped it keeps its header, -o FILE takes
# its format from the extension; without --dry-run there is no table
$ codeer init q >/dev/null && cd q && codeer add "$DATA/mini.txt" >/dev/null && codeer scheme add "$DATA/schemes/mini.xml" >/dev/null && codeer autocode --dry-run | head -1
doc	turn	span	code	origin	text
? 0

$ cd q && codeer autocode --dry-run -o dry.json && python3 -c 'import json; d = json.load(open("dry.json")); print(len(d) > 0, sorted(d[0]))'
True ['code', 'doc', 'origin', 'span', 'text', 'turn']
? 0

$ cd q && codeer autocode --dry-run -o dry.xlsx
! codeer: dry.xlsx: codeer cannot write xlsx files (write .csv, .tsv, .json, .md, .html or .txt)
? 2

$ cd q && codeer autocode --format json
! codeer autocode: --format and -o go with --dry-run (autocode itself prints one line)
! usage: codeer autocode [--scheme S]... [--doc D]... [--coder NAME] [--dry-run]
!                        [-j N] [--stream] [--cache DIR]
!                        [--format table|tsv|csv|json|md|html] [-o FILE]
? 2

# Documents on several threads: the shipped corpus and schemes give the
# same codings file byte for byte with 1, 2 and 4 threads, with and
# without the prefilter (forced on: the corpus is below its threshold)
$ codeer init c >/dev/null && cd c && codeer add "$CODEER_SRCDIR"/corpora/*.txt >/dev/null && codeer scheme add "$CODEER_SRCDIR"/codeschemes/*.xml >/dev/null && for j in 1 2 4; do codeer autocode -j $j >/dev/null && cp codings/auto.tsv ../j$j.tsv; done && CODEER_PREFILTER=on codeer autocode -j 2 >/dev/null && cmp ../j1.tsv ../j2.tsv && cmp ../j1.tsv ../j4.tsv && cmp ../j1.tsv codings/auto.tsv && echo identical
identical
? 0

# The prefilter is kept in .codeer-cache/ and used at once from there;
# the same proposals with it, without it, and from a damaged file,
# which is reported and rebuilt
$ cd c && rm -rf .codeer-cache && CODEER_PREFILTER=on codeer autocode --dry-run --format tsv > ../built.tsv && ls .codeer-cache | sed 's/hs-[0-9a-f]*\.db/hs-KEY.db/' && codeer autocode --dry-run --format tsv > ../cached.tsv && cmp ../j1.tsv codings/auto.tsv && cmp ../built.tsv ../cached.tsv && echo same
hs-KEY.db
same
? 0

$ cd c && f=$(ls .codeer-cache/hs-*.db) && printf 'garbage' | dd of=$f bs=1 seek=300 conv=notrunc 2>/dev/null && codeer autocode --dry-run --format tsv 2>../warn.txt > ../damaged.tsv && cmp ../built.tsv ../damaged.tsv && sed 's/hs-[0-9a-f]*\.db/hs-KEY.db/' ../warn.txt && codeer autocode --dry-run --format tsv > /dev/null && echo rebuilt quietly
codeer: ./.codeer-cache/hs-KEY.db: damaged or unreadable prefilter cache; rebuilding it
rebuilt quietly
? 0

$ cd c && rm -rf .codeer-cache && codeer autocode --dry-run --format tsv | cmp - ../built.tsv && echo deleted cache is no loss
deleted cache is no loss
? 0

$ cd c && codeer autocode -j -1
! codeer autocode: --jobs takes a number from 1 to 1024 (0: one per core)
! usage: codeer autocode [--scheme S]... [--doc D]... [--coder NAME] [--dry-run]
!                        [-j N] [--stream] [--cache DIR]
!                        [--format table|tsv|csv|json|md|html] [-o FILE]
? 2

# --stream: no project; JSON lines in; out, a header naming the schemes,
# then each document's line (case, attributes, words, words per speaker)
# and its codings (with the speaker and the place on the document's
# words), the same codings as autocode in a project gives for the same
# text
$ python3 -c 'import json,sys; print(json.dumps({"id": "mini", "text": open(sys.argv[1], encoding="utf-8").read(), "case": "k1", "attributes": {"gemeente": "Zwolle"}}))' "$DATA/mini.txt" > mini.jsonl && codeer autocode --stream --scheme "$DATA/schemes/mini.xml" < mini.jsonl
{"codeer": "autocode-stream", "version": 2, "schemes": ["mini"]}
{"document": "mini", "case": "k1", "attributes": {"gemeente": "Zwolle"}, "words": 50, "speakers": {"I": 7, "R": 43}}
{"doc": "mini", "start": 7, "end": 15, "code": "mini/VB", "origin": "rule:mini/VB#r1", "speaker": "I", "words": [2, 3]}
{"doc": "mini", "start": 33, "end": 40, "code": "mini/VB", "origin": "rule:mini/VB#r1", "speaker": "R", "words": [7, 8]}
{"doc": "mini", "start": 131, "end": 276, "code": "mini/EK", "origin": "rule:mini/EK#r1", "speaker": "R", "words": [23, 50]}
{"doc": "mini", "start": 158, "end": 211, "code": "mini/VB.NET", "origin": "rule:mini/VB.NET#r1", "speaker": "R", "words": [27, 38]}
? 0

# in input order whatever the number of threads: the shipped corpus
# gives the same lines with 1 and 4 threads, and the same codings as the
# project run above (which stores them sorted by document)
$ for f in "$CODEER_SRCDIR"/corpora/*.txt; do python3 -c 'import json,sys,os; print(json.dumps({"id": os.path.basename(sys.argv[1])[:-4], "text": open(sys.argv[1], encoding="utf-8").read()}))' "$f"; done > corpus.jsonl && codeer autocode --stream -j 1 $(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml) < corpus.jsonl > s1.jsonl && codeer autocode --stream -j 4 $(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml) < corpus.jsonl | cmp - s1.jsonl && python3 -c 'import json; [print(d["doc"], d["start"], d["end"], d["code"], d["origin"], sep="\t") for d in map(json.loads, open("s1.jsonl")) if "doc" in d]' | sort > s1.tsv && grep -v '^#' j1.tsv | tail -n +2 | cut -f1-5 | sort | cmp - s1.tsv && echo same codings
same codings
? 0

# a bad line is reported with its number and skipped; the good lines are
# still coded, and the exit status says the run was not clean
$ codeer autocode --stream --scheme "$DATA/schemes/mini.xml" > out.jsonl; rc=$?; cut -c1-40 out.jsonl; exit $rc
< {"id": "a", "text": "Ik verbind bewoners met elkaar."}
< not json
< {"id": "b"}
< {"text": "zonder id"}
< {"id": "c", "text": "  "}
< {"id": "d", "text": "De buurt verbindt.", "attributes": {"n": 1}}
< {"id": "e", "text": "Ik verbind de buurt.", "case": "k2"}
{"codeer": "autocode-stream", "version":
{"document": "a", "case": null, "attribu
{"doc": "a", "start": 3, "end": 10, "cod
{"document": "e", "case": "k2", "attribu
{"doc": "e", "start": 3, "end": 10, "cod
! codeer: line 2: not JSON ('[' or '{' expected near 'not'); skipped
! codeer: line 3: no "text" (a string); skipped
! codeer: line 4: no "id" (a non-empty string); skipped
! codeer: line 5: the "text" is empty; skipped
! codeer: line 6: an attribute's value is not a string; skipped
! codeer: 5 bad lines skipped; the other 2 records coded
? 2

$ codeer autocode --stream --coder anna --scheme "$DATA/schemes/mini.xml"
! codeer autocode: --stream stores nothing and writes JSON lines to standard output; leave out --coder, --dry-run, --format and -o
! usage: codeer autocode [--scheme S]... [--doc D]... [--coder NAME] [--dry-run]
!                        [-j N] [--stream] [--cache DIR]
!                        [--format table|tsv|csv|json|md|html] [-o FILE]
? 2

# --cache DIR: the compiled prefilter kept as a project keeps it, made
# when needed and used at once by the next run; the same lines with it
$ CODEER_PREFILTER=on codeer autocode --stream --cache hs $(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml) < corpus.jsonl | cmp - s1.jsonl && ls hs | sed 's/hs-[0-9a-f]*[.]db/hs-KEY.db/' && codeer autocode --stream -j 2 --cache hs $(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml) < corpus.jsonl | cmp - s1.jsonl && ls hs | wc -l
hs-KEY.db
1
? 0

# a damaged cache file is reported and rebuilt; the codings stay the same
$ for f in hs/*.db; do printf 'x' | dd of=$f bs=1 seek=200 conv=notrunc 2>/dev/null; done; codeer autocode --stream --cache hs $(printf -- '--scheme %s ' "$CODEER_SRCDIR"/codeschemes/*.xml) < corpus.jsonl 2>err | cmp - s1.jsonl && sed 's/hs-[0-9a-f]*[.]db/hs-KEY.db/' err
codeer: hs/hs-KEY.db: damaged or unreadable prefilter cache; rebuilding it
? 0

$ codeer autocode --cache hs
! codeer autocode: --cache goes with --stream (a project keeps its cache in .codeer-cache/)
! usage: codeer autocode [--scheme S]... [--doc D]... [--coder NAME] [--dry-run]
!                        [-j N] [--stream] [--cache DIR]
!                        [--format table|tsv|csv|json|md|html] [-o FILE]
? 2

$ codeer autocode --stream --scheme nonexistent.xml < /dev/null
! codeer: nonexistent.xml: No such file or directory
? 2

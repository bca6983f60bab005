# Finding and opening a project: -C, parent directories, damaged and
# newer projects.

$ codeer docs
! codeer: not in a codeer project (no codeer.toml in . or its parents); run 'codeer init' or use -C DIR
? 2

$ codeer init p >/dev/null && cp "$CORPORA/s000-professional-5.txt" p/ && cd p && codeer add s000-professional-5.txt
s000-professional-5	s000-professional-5.txt	txt	UTF-8	1 turn	2 sentences	44 words
? 0

# from a subdirectory, the project is found as git finds its repository
$ mkdir -p p/notes/deep && cd p/notes/deep && codeer docs
s000-professional-5	s000-professional-5	txt	UTF-8	1	2	44	272	s000-professional-5.txt
? 0

# CSV is RFC 4180: CRLF line ends (cat -A shows them as ^M$)
$ codeer -C p docs --format csv | cat -A
doc,case,format,encoding,turns,sentences,words,chars,original^M$
s000-professional-5,s000-professional-5,txt,UTF-8,1,2,44,272,s000-professional-5.txt^M$
? 0

# a project written by a newer codeer is refused, and left alone
$ cp -r p newer && sed -i 's/^format = 1/format = 7/' newer/codeer.toml && codeer -C newer docs
! codeer: newer/codeer.toml: written by a newer codeer (project format 7; this codeer reads up to 1): upgrade codeer
? 2

$ grep format newer/codeer.toml
format = 7
? 0

$ cp -r p damaged && echo 'this is not toml' >> damaged/codeer.toml && codeer -C damaged docs
! codeer: damaged/codeer.toml:6: expected 'key = value'
? 2

$ cp -r p nosources && rm -r nosources/sources && codeer -C nosources docs
! codeer: nosources: damaged project: cannot read nosources/sources: No such file or directory
? 2

# a source edited by hand is detected by its checksum
$ cp -r p edited && echo "extra" >> edited/sources/s000-professional-5.txt && codeer -C edited show s000-professional-5
! codeer: edited/sources/s000-professional-5.txt: changed after it was added (checksum mismatch); sources are immutable: restore the file
? 2

$ cp -r p badmeta && sed -i 's/^turn\t.*/turn\tx\ty/' badmeta/sources/s000-professional-5.meta && codeer -C badmeta show s000-professional-5
! codeer: badmeta/sources/s000-professional-5.meta:12: malformed turn line
? 2

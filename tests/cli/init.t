# codeer init: create a project; refuse to overwrite one; usage errors.

$ codeer init proj
Initialised an empty codeer project in proj
? 0

$ ls -A proj | sort
.gitignore
cases.tsv
codeer.toml
codings
memos
schemes
sources
? 0

$ cat proj/codeer.toml
# codeer project
format = 1
name = "proj"
language = "nl"
created = "2025-11-25T00:00:00Z"
? 0

$ cat proj/cases.tsv
case	docs
? 0

# a second init must not touch the first project
$ codeer init proj
! codeer: proj is already a codeer project
? 2

$ codeer init --name "Wijkteams Zwolle" zwolle && grep name zwolle/codeer.toml
Initialised an empty codeer project in zwolle
name = "Wijkteams Zwolle"
? 0

$ codeer init --bogus x
! codeer init: unknown option '--bogus'
! usage: codeer init [--name NAME] [DIR]
? 2

$ codeer init a b
! codeer init: unexpected argument 'b'
! usage: codeer init [--name NAME] [DIR]
? 2

$ codeer frobnicate
! codeer: unknown command 'frobnicate' (see 'codeer --help')
? 2

# commands may be abbreviated to a unique prefix
$ codeer a
! codeer: ambiguous command: a, could be: add agree anon-check autocode
? 2

$ codeer -C proj do
? 0

$ codeer init --help | head -1
usage: codeer init [--name NAME] [DIR]
? 0

$ codeer help show | head -1
usage: codeer show [--turns] [--sentences] [--headers] [--numbered] [--coded]
? 0

$ codeer init --name
! codeer init: option '--name' needs a value
! usage: codeer init [--name NAME] [DIR]
? 2

# a directory with files of its own: init leaves them alone
$ mkdir own && printf 'case\tdocs\tgemeente\n' > own/cases.tsv && echo '*.bak' > own/.gitignore && codeer init own > /dev/null && cat own/cases.tsv own/.gitignore
case	docs	gemeente
*.bak
? 0

# the lock, temporary files, a write's journal and the cache stay out of git
$ codeer init ignored > /dev/null && cat ignored/.gitignore
.codeer.lock
.codeer-tmp-*
.codeer-journal
.codeer-cache/
? 0

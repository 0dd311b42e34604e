python3 -c "import sqlite3; c=sqlite3.connect(\"foreign.sqlite\"); c.execute(\"create table notes(t text)\"); c.execute(\"insert into notes values (1)\"); c.commit()"
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db foreign.sqlite
files
tables foreign.sqlite

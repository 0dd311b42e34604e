python3 -c "import sqlite3; c=sqlite3.connect(\"foreign.sqlite\"); c.execute(\"create table notes(t text)\"); c.execute(\"insert into notes values (1)\"); c.commit()"
gm report foreign.sqlite
files

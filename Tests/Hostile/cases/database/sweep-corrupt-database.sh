printf "SQLite format 3\0garbage garbage garbage" > s.sqlite
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db s.sqlite
files

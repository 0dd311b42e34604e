echo "\$ ulimit -f 64; gpumarket sweep ..."
(ulimit -f 64; "$GM" sweep builtin:ishigami --vary x1=0..1:5000 --series --quiet --db s.sqlite 2> err); echo "--- exit $?"; cat err
python3 -c "import sqlite3; print(\"--- integrity:\", sqlite3.connect(\"s.sqlite\").execute(\"pragma integrity_check\").fetchone()[0])"

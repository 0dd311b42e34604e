tmpfs small size=96k
gm sweep builtin:ishigami --vary x1=0..1:2000 --quiet --db small/s.sqlite
python3 -c "import sqlite3; print(\"--- integrity:\", sqlite3.connect(\"small/s.sqlite\").execute(\"pragma integrity_check\").fetchone()[0])"

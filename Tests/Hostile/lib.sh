# Helpers for the hostile-input and fault cases, sourced before each case. A case runs in a new
# empty directory (its working directory); $GM is the gpumarket binary, $ROOT the repository.

# Runs gpumarket with stdin closed from /dev/null and a 60-second limit, then prints the
# command, its stdout, its stderr and its exit status. A hang or an end by signal is printed as
# such, and the runner fails such a case whatever its golden file says.
gm() {
  local out err status
  out=$(mktemp) err=$(mktemp)
  timeout -s KILL 60 "$GM" "$@" </dev/null >"$out" 2>"$err"
  status=$?
  echo "\$ gpumarket $*"
  if [ -s "$out" ]; then echo "--- stdout"; cat "$out"; fi
  if [ -s "$err" ]; then echo "--- stderr"; cat -v "$err"; fi
  if [ "$status" -gt 128 ] && [ "$status" -ne 130 ]; then
    echo "--- ended by signal $((status - 128))"
  else
    echo "--- exit $status"
  fi
  rm -f "$out" "$err"
  return 0
}

# As gm, but prints only the number of stdout lines (for commands whose success output is long).
gmq() {
  local out err status
  out=$(mktemp) err=$(mktemp)
  timeout -s KILL 60 "$GM" "$@" </dev/null >"$out" 2>"$err"
  status=$?
  echo "\$ gpumarket $*"
  echo "--- stdout: $(wc -l <"$out") lines"
  if [ -s "$err" ]; then echo "--- stderr"; cat -v "$err"; fi
  if [ "$status" -gt 128 ] && [ "$status" -ne 130 ]; then
    echo "--- ended by signal $((status - 128))"
  else
    echo "--- exit $status"
  fi
  rm -f "$out" "$err"
  return 0
}

# Writes the small valid scenario that most cases start from, as base.yaml (or $1).
base() { cp "$ROOT/Tests/ScenarioFormatTests/Broken/base.yaml" "${1:-base.yaml}"; }

# Writes a scenario extending base.yaml with the given YAML lines, as $1.
extend() {
  local file=$1
  shift
  base
  { echo "extends: base.yaml"; printf '%s\n' "$@"; } >"$file"
}

# Lists every entry under the working directory with its type, size and content hash, so a
# case shows that a failed command left every file as it found it.
files() {
  echo "--- files"
  find . -mindepth 1 -printf '%P %y\n' | LC_ALL=C sort | while read -r name type; do
    if [ "$type" = f ] && [[ $name == *.sqlite ]] && is_sweep_database "$name"; then
      # A database gpumarket wrote differs in wall times from run to run: only its presence counts.
      echo "$name (a gpumarket database)"
    elif [[ $name == *.sqlite-wal || $name == *.sqlite-shm ]]; then
      echo "$name (journal)"
    elif [ "$type" = f ]; then
      echo "$name $(stat -c %s "$name") $(sha256sum "$name" | cut -c1-12)"
    else
      echo "$name ($type)"
    fi
  done
}

# Whether $1 is a gpumarket sweep database (an SQLite file with a plan table).
is_sweep_database() {
  python3 -c 'import sqlite3,sys
try:
    c = sqlite3.connect("file:" + sys.argv[1] + "?immutable=1", uri=True)
    sys.exit(0 if c.execute("select count(*) from sqlite_master where name=\"plan\"").fetchone()[0] else 1)
except Exception:
    sys.exit(1)' "$1" 2>/dev/null
}

# The tables of an SQLite file, one per line.
tables() {
  echo "--- tables of $1"
  python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
print("\n".join(r[0] for r in c.execute("select name from sqlite_master where type=\"table\" order by name")))' "$1"
}

# The same as tables, as the count of rows in table $2 of database $1.
rows() {
  python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1]); print("--- rows in", sys.argv[2] + ":", c.execute("select count(*) from " + sys.argv[2]).fetchone()[0])' "$1" "$2"
}

# Mounts a tmpfs at directory $1 with mount options $2 (e.g. size=64k or ro); the runner
# unmounts it after the case. Needs root, as CI has.
tmpfs() {
  mkdir -p "$1"
  mount -t tmpfs -o "$2" tmpfs "$1" || { echo "--- cannot mount a tmpfs (not root?)"; return 1; }
}

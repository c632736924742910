# Shared by the benchmark scripts (bench/load/run.sh, collector-config/bench/run.sh).
# Sourced, not executed.
# shellcheck shell=bash

# replace_doc_table DOC NAME TABLE: puts the file TABLE between <!-- NAME:begin --> and
# <!-- NAME:end --> in DOC; fails with one line when DOC lacks the markers.
replace_doc_table() {
  local doc="$1" name="$2" table="$3"
  grep -q "<!-- $name:begin -->" "$doc" && grep -q "<!-- $name:end -->" "$doc" || {
    printf '%s: %s has no <!-- %s:begin/end --> markers\n' "$name" "$doc" "$name" >&2
    return 1
  }
  python3 - "$doc" "$name" "$table" <<'PY'
import sys
doc, name, table = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
s = open(doc).read()
begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
a = s.index(begin) + len(begin)
b = s.index(end)
open(doc, "w").write(s[:a] + "\n" + table + s[b:])
PY
}

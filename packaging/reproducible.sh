#!/usr/bin/env bash
# Build the frozen app twice with SOURCE_DATE_EPOCH set and compare the two folders
# (issue 16, point 6; by hand, not in every CI run: two builds take about two minutes).
#
#   packaging/reproducible.sh [EPOCH]      (default: the last commit's time)
#
# Each build has its own work and output folders under build/reproducible/. Prints
# the files present in only one build, then every file whose SHA-256 differs, and
# exits 1 if there is any; docs/packaging.md ("Reproducible builds") lists what
# still differs and why.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export SOURCE_DATE_EPOCH="${1:-$(git log -1 --format=%ct)}"
export PYTHONHASHSEED=0
OUT=build/reproducible
rm -rf "$OUT"
for n in 1 2; do
  echo "== build $n (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"
  .venv/bin/pyinstaller --noconfirm --log-level ERROR \
    --distpath "$OUT/dist$n" --workpath "$OUT/work$n" packaging/safetykit.spec
  (cd "$OUT/dist$n/safetykit" && find . \( -type f -o -type l \) -print0 | sort -z |
    xargs -0 sha256sum) >"$OUT/sums$n" 2>/dev/null || true
  (cd "$OUT/dist$n/safetykit" && find . -type l -printf '%p -> %l\n' | sort) >"$OUT/links$n"
done
cut -c67- "$OUT/sums1" >"$OUT/files1"
cut -c67- "$OUT/sums2" >"$OUT/files2"
status=0
if ! diff -u "$OUT/files1" "$OUT/files2" >"$OUT/files.diff"; then
  echo "== files in only one build:"; grep '^[-+][^-+]' "$OUT/files.diff"; status=1
fi
if ! diff -q "$OUT/links1" "$OUT/links2" >/dev/null; then
  echo "== symbolic links differ:"; diff "$OUT/links1" "$OUT/links2" || true; status=1
fi
differ="$(join -j 2 <(sort -k2 "$OUT/sums1") <(sort -k2 "$OUT/sums2") | awk '$2 != $3 {print $1}')"
if [ -n "$differ" ]; then
  echo "== files whose content differs:"; echo "$differ"; status=1
fi
total=$(wc -l <"$OUT/files1")
if [ "$status" -eq 0 ]; then
  echo "== the two builds are the same: $total files, every SHA-256 equal"
fi
exit "$status"

#!/usr/bin/env bash
# An organisation's build, start to end (docs/packaging.md, "Your organisation's build").
#
#   packaging/bundle.sh FILE.toml [OUT]      (OUT: default dist/)
#
# 1. checks FILE.toml (`safetykit bundle check`: every problem as file:line) before
#    anything is built;
# 2. builds the plain app if build/pyinstaller/dist/safetykit is not there yet
#    (packaging/build-linux.sh);
# 3. lays the organisation's data over a copy of it (`safetykit bundle build`);
# 4. makes OUT/safetykit-ORG-VERSION-linux-ARCH.tar.gz from that copy and writes
#    OUT/SHA256SUMS for every tarball in OUT. Sign SHA256SUMS next (minisign -Sm).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 FILE.toml [OUT]" >&2; exit 2; }
FILE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
OUT="$(mkdir -p "${2:-$ROOT/dist}" && cd "${2:-$ROOT/dist}" && pwd)"
cd "$ROOT"
SAFETYKIT=.venv/bin/safetykit
"$SAFETYKIT" bundle check "$FILE"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
if [ ! -x build/pyinstaller/dist/safetykit/safetykit ]; then
  packaging/build-linux.sh "$OUT"
fi
ORG="$(.venv/bin/python -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["organisation"]["id"])' "$FILE")"
VERSION="$(.venv/bin/python -c 'import safetykit; print(safetykit.__version__)')"
NAME="safetykit-$ORG-$VERSION-linux-$(uname -m)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$SAFETYKIT" bundle build "$FILE" --app build/pyinstaller/dist/safetykit -o "$WORK/app" >/dev/null
QT_QPA_PLATFORM=offscreen "$WORK/app/safetykit" self-test
packaging/make-tarball.sh "$WORK/app" "$OUT" "$NAME"
(cd "$OUT" && sha256sum -- *.tar.gz >SHA256SUMS)
echo "wrote $OUT/SHA256SUMS; now sign it: minisign -Sm $OUT/SHA256SUMS"

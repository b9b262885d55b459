#!/usr/bin/env bash
# Build the Linux app and its tarball from this checkout (docs/packaging.md).
#
#   packaging/build-linux.sh [OUT]     (OUT: default dist/)
#
# 1. PyInstaller builds the one-folder app from packaging/safetykit.spec into
#    build/pyinstaller/dist/safetykit (the folder every check and `bundle build` use);
# 2. the tarball OUT/safetykit-VERSION-linux-ARCH.tar.gz is made from it, laid out as
#    docs/packaging.md "The tarball" says, with files in a fixed order, owned by
#    root, dated SOURCE_DATE_EPOCH (or the last commit), so the same build gives the
#    same tarball.
# Needs the test/packaging extras in .venv (python3 packaging/bootstrap.py setup).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
cd "$ROOT"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export PYTHONHASHSEED=0  # the order of sets written into the archive (reproducible)

rm -rf build/pyinstaller
.venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath build/pyinstaller/dist --workpath build/pyinstaller/work packaging/safetykit.spec
packaging/make-tarball.sh build/pyinstaller/dist/safetykit "$OUT"

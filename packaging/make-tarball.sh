#!/usr/bin/env bash
# Lay a built app folder out as the Linux tarball (docs/packaging.md, "The tarball").
#
#   packaging/make-tarball.sh APP_FOLDER OUT_FOLDER [NAME]
#
# NAME defaults to safetykit-VERSION-linux-ARCH; `safetykit bundle build` passes the
# organisation's. Prints the tarball's path. Files are added in sorted order, owned
# by root, dated SOURCE_DATE_EPOCH (default: now), so two runs on the same folder
# give the same bytes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
APP="$(cd "$1" && pwd)"
OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/safetykit/__init__.py")"
NAME="${3:-safetykit-$VERSION-linux-$(uname -m)}"
EPOCH="${SOURCE_DATE_EPOCH:-$(date +%s)}"
ID=org.safetykit.SafetyKit

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
TOP="$STAGE/$NAME"
mkdir -p "$TOP/share/applications" "$TOP/share/metainfo" "$TOP/share/icons/hicolor/scalable/apps"
cp -a "$APP/." "$TOP/app"
install -m 644 "$ROOT/packaging/$ID.desktop" "$TOP/share/applications/$ID.desktop"
install -m 644 "$ROOT/packaging/$ID.metainfo.xml" "$TOP/share/metainfo/$ID.metainfo.xml"
install -m 644 "$ROOT/ui/icons/safetykit.svg" "$TOP/share/icons/hicolor/scalable/apps/$ID.svg"
install -m 755 "$ROOT/packaging/linux/install.sh" "$TOP/install.sh"
install -m 755 "$ROOT/packaging/linux/uninstall.sh" "$TOP/uninstall.sh"
install -m 644 "$ROOT/packaging/linux/README.txt" "$TOP/README.txt"
install -m 644 "$ROOT/LICENSE" "$TOP/LICENSE"

TARBALL="$OUT/$NAME.tar.gz"
tar -C "$STAGE" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
  --format=gnu -cf - "$NAME" | gzip -n -6 >"$TARBALL.part"
mv "$TARBALL.part" "$TARBALL"
echo "$TARBALL"

#!/bin/sh
# Install SafetyKit from this unpacked tarball (docs/packaging.md, "The tarball").
#
#   ./install.sh                for you alone: ~/.local/opt/safetykit, ~/.local/bin/safetykit
#   sudo ./install.sh --system  for every account: /opt/safetykit, /usr/local/bin/safetykit
#
# A new version replaces the old one in place; your vault (in your data folder) is
# never touched by installing or uninstalling.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ID=org.safetykit.SafetyKit
if [ "${1:-}" = "--system" ]; then
  OPT=/opt/safetykit BIN=/usr/local/bin SHARE=/usr/local/share
else
  OPT="$HOME/.local/opt/safetykit" BIN="$HOME/.local/bin" SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
mkdir -p "$(dirname "$OPT")" "$BIN" "$SHARE/applications" "$SHARE/metainfo" \
  "$SHARE/icons/hicolor/scalable/apps"
rm -rf "$OPT.new"
cp -a "$HERE/app" "$OPT.new"
rm -rf "$OPT"
mv "$OPT.new" "$OPT"
ln -sf "$OPT/safetykit" "$BIN/safetykit"
# The menu entry starts the installed program by its full path (~/.local/bin may not
# be on the desktop's PATH).
sed "s|^Exec=safetykit|Exec=$OPT/safetykit|" "$HERE/share/applications/$ID.desktop" \
  >"$SHARE/applications/$ID.desktop"
cp "$HERE/share/metainfo/$ID.metainfo.xml" "$SHARE/metainfo/"
cp "$HERE/share/icons/hicolor/scalable/apps/$ID.svg" "$SHARE/icons/hicolor/scalable/apps/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
echo "SafetyKit installed in $OPT; start it from the menu or with: $BIN/safetykit"

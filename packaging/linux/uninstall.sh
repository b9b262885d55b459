#!/bin/sh
# Remove SafetyKit installed by install.sh (the same option: --system or none).
#
# Your vault is not removed: it lives in your data folder, and deleting a file does
# not destroy what it held. Wipe it first, from the app or with `safetykit vault wipe`
# (docs/packaging.md, "Uninstalling"); then run this.
set -eu
ID=org.safetykit.SafetyKit
if [ "${1:-}" = "--system" ]; then
  OPT=/opt/safetykit BIN=/usr/local/bin SHARE=/usr/local/share
else
  OPT="$HOME/.local/opt/safetykit" BIN="$HOME/.local/bin" SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
if [ -L "$BIN/safetykit" ] && [ "$(readlink "$BIN/safetykit")" = "$OPT/safetykit" ]; then
  rm -f "$BIN/safetykit"
fi
rm -rf "$OPT"
rm -f "$SHARE/applications/$ID.desktop" "$SHARE/metainfo/$ID.metainfo.xml" \
  "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
echo "SafetyKit removed from $OPT. Your data folder was left as it was (wipe the vault first)."

#!/usr/bin/env bash
# Check the README's install steps on a fresh Debian 12 ("bookworm"), exactly as written.
#
#   sudo packaging/check-fresh-debian.sh [--keep] [--tarball FILE] [-- PYTEST_ARGS...]
#
# Run it whenever an install step changes (the README's apt lines, bootstrap.py, the
# dependencies in pyproject.toml). It needs root, debootstrap (`apt-get install
# debootstrap`) and a Debian mirror (DEBIAN_MIRROR, default deb.debian.org). It makes
# a minimal bookworm in a chroot (debootstrap --variant=minbase: less than any real
# install has, so nothing the README forgot can hide), adds a user with sudo, copies
# this checkout (tracked and new files, not .venv) into that user's home, and there,
# as that user, runs the README's commands, read from the README's marked blocks:
#
#   1. the first apt block (running the app), then the Quick start's run command:
#      without a display it must exit 2 with the no-display message; with one it
#      must find every library Qt's xcb and wayland plugins need, and `self-test`
#      must pass;
#   2. the second apt block (the test tools), then the run command under xvfb-run
#      and the command the no-display message names, each of which must keep the
#      app running until stopped;
#   3. the Quick start's test command (PYTEST_ARGS, if given, are added to it).
#
# With --tarball FILE (the frozen app's, from packaging/build-linux.sh), only the
# README's run-only apt line is installed, then the tarball is checked instead of the
# checkout: unpacked as the user, its self-test offscreen with no network, install.sh,
# and the installed command; then the script stops (docs/packaging.md).
#
# The base system is cached as a tarball (SAFETYKIT_CHROOT_CACHE, default
# /var/cache/safetykit-check), so later runs skip debootstrap; every run unpacks a
# new copy and removes it afterwards (--keep leaves it, and says where).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${SAFETYKIT_CHROOT_CACHE:-/var/cache/safetykit-check}"
KEEP=0
TARBALL=""
PYTEST_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1 ;;
    --tarball) shift; TARBALL="$(realpath "${1:?--tarball needs a file}")" ;;
    --) shift; PYTEST_ARGS=("$@"); break ;;
    *) echo "usage: $0 [--keep] [--tarball FILE] [-- PYTEST_ARGS...]" >&2; exit 2 ;;
  esac
  shift
done

if [ "$(id -u)" -ne 0 ]; then echo "check-fresh-debian: run it as root (sudo)" >&2; exit 2; fi
command -v debootstrap >/dev/null || {
  echo "check-fresh-debian: needs debootstrap: apt-get install debootstrap" >&2; exit 2; }

say() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }
block() { "$REPO/packaging/readme-block.sh" "$1" "$REPO/README.md"; }
# Fail now, before any download, if a block is missing from the README.
for name in run test apt-run apt-test; do block "$name" >/dev/null; done

BASE="$CACHE/bookworm-minbase.tar"
if [ ! -f "$BASE" ]; then
  say "debootstrap bookworm (minbase) from $MIRROR, cached in $BASE"
  mkdir -p "$CACHE"
  tmp="$(mktemp -d "$CACHE/base.XXXXXX")"
  debootstrap --variant=minbase bookworm "$tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 || {
    tail -30 "$CACHE/debootstrap.log" >&2; rm -rf "$tmp"; exit 1; }
  tar -C "$tmp" -cf "$BASE.part" . && mv "$BASE.part" "$BASE"
  rm -rf "$tmp"
fi

WORK="$(mktemp -d /var/tmp/safetykit-fresh.XXXXXX)"
ROOT="$WORK/root"
cleanup() {
  if [ "$KEEP" -eq 1 ]; then echo "check-fresh-debian: chroot kept in $ROOT" >&2
  else rm -rf --one-file-system "$WORK"; fi
}
trap cleanup EXIT
mkdir "$ROOT"
say "unpack a fresh bookworm in $ROOT"
tar -C "$ROOT" -xf "$BASE"
chmod 755 "$ROOT"  # the base was made in a mktemp folder (0700)

# The machine itself, not the README: the apt sources of a real install, a user who
# may use sudo, and "yes" to apt's question (as the user would type it).
cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} bookworm-security main
EOF
printf 'APT::Get::Assume-Yes "true";\nquiet "1";\nDpkg::Use-Pty "0";\n' \
  >"$ROOT/etc/apt/apt.conf.d/90check-fresh-debian"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
echo "safetykit-check" >"$ROOT/etc/hostname"
mkdir -p "$ROOT/home/tester/safetykit"
# Where this machine's network inspects TLS, pip needs the CA bundle the host's pip is
# told of (PIP_CERT): that is the network's, not something the README could say.
export CHECK_PIP_CERT=""
if [ -n "${PIP_CERT:-}" ] && [ -f "$PIP_CERT" ]; then
  mkdir -p "$ROOT/etc/ssl"
  cp "$PIP_CERT" "$ROOT/etc/ssl/host-ca-bundle.crt"
  CHECK_PIP_CERT="/etc/ssl/host-ca-bundle.crt"
fi
export LOGS="$ROOT/var/log/check-fresh-debian"
mkdir -p "$LOGS"
git -C "$REPO" ls-files -z --cached --others --exclude-standard \
  | (cd "$REPO" && tar --null -T - -cf - 2>/dev/null) \
  | tar -C "$ROOT/home/tester/safetykit" -xf -

# Everything below runs in a private mount namespace: its mounts (proc, sys, dev) go
# away with it, whatever happens.
export ROOT KEEP TARBALL
export RUN_CMD="$(block run)" TEST_CMD="$(block test)"
export APT_RUN="$(block apt-run)" APT_TEST="$(block apt-test)"
export PYTEST_EXTRA="${PYTEST_ARGS[*]:-}"
cat >"$WORK/inner.sh" <<'INNER'
set -euo pipefail
  mount -t proc proc "$ROOT/proc"
  mount -t sysfs sys "$ROOT/sys"
  mount --rbind /dev "$ROOT/dev"
  mount -t tmpfs -o mode=1777 shm "$ROOT/dev/shm"
  mount -t tmpfs -o mode=1777 tmp "$ROOT/tmp"

  in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 bash -euo pipefail -c "$1"; }
  as_user() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/tester \
    USER=tester LANG=C.UTF-8 ${CHECK_PIP_CERT:+PIP_CERT=$CHECK_PIP_CERT} \
    /usr/sbin/runuser -u tester -- \
    bash -euo pipefail -c "cd ~/safetykit && $1"; }
  say() { printf "\n== %s (%ss)\n" "$*" "$SECONDS"; }
  downloaded() {  # the sizes in pip's own "Downloading NAME (SIZE)" lines
    awk -v what="$2" '/^ *Downloading .*\([0-9.]+ [kM]B\)$/ {
        size = $(NF - 1); sub(/\(/, "", size); total += ($NF ~ /MB/ ? size : size / 1000) }
      END { printf "pip downloaded %.0f MB for %s\n", total, what }' "$1"
  }
  run_lines() {  # the README block, line by line, exactly as written
    while IFS= read -r line; do
      [ -n "$line" ] || continue
      printf "tester$ %s\n" "$line"
      as_user "$line"
    done <<<"$1"
  }

  say "the machine: sudo and a user"
  in_root "apt-get update >/dev/null && apt-get install sudo >/dev/null"
  in_root "useradd -m -s /bin/bash tester 2>/dev/null || true
    echo \"tester ALL=(ALL) NOPASSWD:ALL\" >/etc/sudoers.d/tester
    chown -R tester:tester /home/tester"

  if [ -n "$TARBALL" ]; then
    say "1. the README's run-only apt line, then the frozen app's tarball"
    run_lines "$APT_RUN" >"$LOGS/apt-run.log" 2>&1 || { tail -40 "$LOGS/apt-run.log"; exit 1; }
    grep "^tester\\$" "$LOGS/apt-run.log"
    cp "$TARBALL" "$ROOT/home/tester/app.tar.gz"
    in_root "chown tester:tester /home/tester/app.tar.gz"
    as_user "cd ~ && mkdir frozen && tar -C frozen -xzf app.tar.gz && ls frozen/*/"
    unshare --net -- chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/tester \
      USER=tester LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen /usr/sbin/runuser -u tester -- \
      bash -c 'cd ~/frozen/* && ./app/safetykit self-test'
    as_user "cd ~/frozen/* && ./install.sh && ~/.local/bin/safetykit --version"
    say "the tarball works on a fresh Debian 12"
    exit 0
  fi

  # 0. Before the README: a Debian with only Python. The run command must say, in
  # one line and no traceback, which package is missing: first python3-venv, then
  # (with it, and a display chosen) the libraries Qt needs. The .venv left half made
  # by the first try is repaired by the second.
  say "0. before the README: only python3 installed"
  in_root "apt-get install python3 >/dev/null"
  set +e
  as_user "$RUN_CMD" >"$LOGS/run0.log" 2>&1
  status=$?
  set -e
  tail -3 "$LOGS/run0.log"
  [ "$status" -eq 1 ] || { echo "FAIL: expected exit 1 without python3-venv, got $status"; exit 1; }
  grep -q "sudo apt-get install python3-venv" "$LOGS/run0.log" || { echo "FAIL: python3-venv not named"; exit 1; }
  ! grep -q Traceback "$LOGS/run0.log" || { echo "FAIL: a traceback"; exit 1; }
  [ ! -e "$ROOT/home/tester/safetykit/.venv" ] || { echo "FAIL: a .venv was left"; exit 1; }
  echo "ok: one line names python3-venv, and no .venv was left"
  # What Debian's own `python3 -m venv` leaves without python3-venv: a .venv, no pip.
  as_user "python3 -m venv .venv >/dev/null 2>&1 || true"
  [ -e "$ROOT/home/tester/safetykit/.venv/pyvenv.cfg" ] || { echo "FAIL: no half-made .venv"; exit 1; }

  say "0. python3-venv, no Qt libraries, a display chosen (QT_QPA_PLATFORM=xcb)"
  in_root "apt-get install python3-venv >/dev/null"
  set +e
  as_user "QT_QPA_PLATFORM=xcb $RUN_CMD" >"$LOGS/run0b.log" 2>&1
  status=$?
  set -e
  grep "^bootstrap:" "$LOGS/run0b.log" || true
  tail -1 "$LOGS/run0b.log"
  [ "$status" -eq 1 ] || { echo "FAIL: expected exit 1 without Qt libraries, got $status"; exit 1; }
  grep -q "has no pip (it was left half made): adding it" "$LOGS/run0b.log" || {
    echo "FAIL: the half-made .venv was not repaired"; exit 1; }
  tail -1 "$LOGS/run0b.log" | grep -q "^safetykit: Qt's xcb display plugin needs .*sudo apt-get install libgl1 " || {
    tail -30 "$LOGS/run0b.log"; echo "FAIL: the missing libraries were not named"; exit 1; }
  ! grep -q Traceback "$LOGS/run0b.log" || { echo "FAIL: a traceback"; exit 1; }
  echo "ok: one line names the Debian packages"
  # The README below starts from a fresh checkout again.
  rm -rf "$ROOT/home/tester/safetykit/.venv" "$ROOT/home/tester/.cache/pip"

  say "1. the README: install what running the app needs"
  run_lines "$APT_RUN" >"$LOGS/apt-run.log" 2>&1 || { tail -40 "$LOGS/apt-run.log"; exit 1; }
  grep "^tester\\$" "$LOGS/apt-run.log"

  say "1. the README: run the app (no display here)"
  printf "tester$ %s\n" "$RUN_CMD"
  set +e
  as_user "$RUN_CMD" >"$LOGS/run.log" 2>&1
  status=$?
  set -e
  grep "^bootstrap:" "$LOGS/run.log" || true
  tail -2 "$LOGS/run.log"
  downloaded "$LOGS/run.log" "the app"
  [ "$status" -eq 2 ] || { echo "FAIL: expected exit 2 (no display), got $status"; exit 1; }
  grep -q "no display" "$LOGS/run.log" || { echo "FAIL: no no-display message"; exit 1; }
  hint="$(sed -n "s/.*no display.*: \\(xvfb-run .*\\)\$/\\1/p" "$LOGS/run.log" | tail -1)"
  [ -n "$hint" ] || { echo "FAIL: the no-display message names no xvfb-run command"; exit 1; }
  echo "ok: exit 2, and the message names: $hint"

  say "1. every library the xcb and wayland plugins need is there"
  as_user ".venv/bin/python -m safetykit.qtlibs xcb wayland"
  as_user "QT_QPA_PLATFORM=offscreen .venv/bin/safetykit self-test"

  say "2. the README: install the test tools"
  run_lines "$APT_TEST" >"$LOGS/apt-test.log" 2>&1 || { tail -40 "$LOGS/apt-test.log"; exit 1; }
  grep "^tester\\$" "$LOGS/apt-test.log"

  # The app runs until it is closed: still running after 20 s means it started.
  # It runs without any network (unshare -n): it needs none.
  for cmd in "xvfb-run -a $RUN_CMD" "$hint"; do
    say "2. the app starts on a virtual X display: $cmd"
    set +e
    unshare --net -- chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/tester \
      USER=tester LANG=C.UTF-8 /usr/sbin/runuser -u tester -- \
      bash -c "cd ~/safetykit && exec timeout -s INT 20 $cmd" >"$LOGS/app.log" 2>&1
    status=$?
    set -e
    tail -5 "$LOGS/app.log"
    [ "$status" -eq 124 ] || { echo "FAIL: the app ended early with status $status"; exit 1; }
    echo "ok: still running after 20 s"
  done

  say "3. the README: run the tests"
  printf "tester$ %s %s\n" "$TEST_CMD" "$PYTEST_EXTRA"
  set +e
  as_user "$TEST_CMD $PYTEST_EXTRA" >"$LOGS/test.log" 2>&1
  status=$?
  set -e
  grep "^bootstrap:" "$LOGS/test.log" || true
  downloaded "$LOGS/test.log" "the test tools"
  tail -25 "$LOGS/test.log"
  [ "$status" -eq 0 ] || { echo "FAIL: the test command failed ($status)"; exit 1; }
  say "all README steps work on a fresh Debian 12"
INNER
unshare --mount --propagation private -- bash "$WORK/inner.sh"

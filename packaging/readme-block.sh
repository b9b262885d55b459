#!/usr/bin/env bash
# Print the lines of one marked code block of README.md, so scripts run the README's
# own commands and cannot drift from it. A block is marked by the line
#   <!-- readme-block: NAME -->
# right before its opening ``` fence. Blocks: run, test (the Quick start commands),
# apt-run (what running the app needs), apt-test (the test tools).
# Usage: packaging/readme-block.sh NAME [README]
set -euo pipefail
name="${1:?usage: readme-block.sh NAME [README]}"
readme="${2:-$(dirname "$0")/../README.md}"
awk -v marker="<!-- readme-block: ${name} -->" '
  state == 0 && $0 == marker { state = 1; next }
  state == 1 { if ($0 ~ /^```/) { state = 2; next } else { exit 3 } }
  state == 2 && /^```/ { state = 3; exit }
  state == 2 { print; found = 1 }
  END {
    if (state == 0) { print "readme-block: no block named " marker > "/dev/stderr"; exit 1 }
    if (state != 3 || !found) { print "readme-block: block " marker " is empty or not closed" > "/dev/stderr"; exit 1 }
  }
' "$readme"

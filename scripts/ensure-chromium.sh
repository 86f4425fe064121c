#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the UI end-to-end tests (test/web/), which drive it through
# playwright-core. playwright-core never downloads a browser; this script is the only install step, and it
# uses the distribution's package so that nothing is fetched from outside the package registries.
#
# Exit 0 when /usr/bin/chromium (or $COPYQUOTA_CHROMIUM) is there or was installed; non-zero with a message
# saying how to install it otherwise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"

chromium="${COPYQUOTA_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$chromium" ]; then
  exit 0
fi

how="install it with: sudo apt-get update && sudo apt-get install -y chromium (or set COPYQUOTA_CHROMIUM to a Chromium binary)"

exit_unless_can_apt_install ensure-chromium "$chromium is missing" it "$how" 1

echo "ensure-chromium: installing Debian's chromium for the UI tests (one time)..." >&2
apt_install chromium fonts-dejavu-core

if [ ! -x "$chromium" ]; then
  echo "ensure-chromium: apt-get finished but $chromium is still missing; $how" >&2
  exit 1
fi
echo "ensure-chromium: $("$chromium" --version 2>/dev/null || echo chromium) installed" >&2

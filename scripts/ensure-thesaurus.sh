#!/usr/bin/env bash
# Makes sure Debian's Russian thesaurus (mythes-ru, LibreOffice's MyThes format, LGPL) is installed for the
# paraphrase stage and its tests (src/io/installed-thesaurus.ts reads /usr/share/mythes/th_ru_RU_v2.dat). Without
# it the stage compares stems only and the tests that need synonyms skip, saying so.
#
# Exit 0 when the file is there or was installed. Where it cannot be installed (not root, no apt-get) it says how
# and still exits 0. A failed installation (apt-get's error) exits non-zero.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"

file=/usr/share/mythes/th_ru_RU_v2.dat
how="install it with: sudo apt-get update && sudo apt-get install -y mythes-ru"

if [ -f "$file" ]; then
  exit 0
fi
exit_unless_can_apt_install ensure-thesaurus "no Russian thesaurus at $file" it \
  "synonym tests will be skipped. To run them, $how" 0

echo "ensure-thesaurus: installing Debian's mythes-ru for the paraphrase stage (one time)..." >&2
apt_install mythes-ru
if [ ! -f "$file" ]; then
  echo "ensure-thesaurus: apt-get finished but $file is still missing; $how" >&2
  exit 1
fi
echo "ensure-thesaurus: $file installed" >&2

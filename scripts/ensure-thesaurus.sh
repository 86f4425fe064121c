#!/usr/bin/env bash
# Makes sure Debian's Russian thesaurus (mythes-ru, LibreOffice's MyThes format, LGPL) is installed for the
# paraphrase stage and its tests (src/io/installed-thesaurus.ts reads /usr/share/mythes/th_ru_RU_v2.dat). Without
# it the stage compares stems only and the tests that need synonyms skip, saying so.
#
# Exit 0 when the file is there or was installed. Where it cannot be installed (not root, no apt-get) it says how
# and still exits 0. A failed installation (apt-get's error) exits non-zero.
set -euo pipefail

file=/usr/share/mythes/th_ru_RU_v2.dat
how="install it with: sudo apt-get update && sudo apt-get install -y mythes-ru"

if [ -f "$file" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-thesaurus: no Russian thesaurus at $file and this user is not root, so it cannot be installed here; synonym tests will be skipped. To run them, $how" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-thesaurus: no Russian thesaurus at $file and apt-get is not available; synonym tests will be skipped. To run them, $how" >&2
  exit 0
fi

echo "ensure-thesaurus: installing Debian's mythes-ru for the paraphrase stage (one time)..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends mythes-ru >&2; then
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends mythes-ru >&2
fi
if [ ! -f "$file" ]; then
  echo "ensure-thesaurus: apt-get finished but $file is still missing; $how" >&2
  exit 1
fi
echo "ensure-thesaurus: $file installed" >&2

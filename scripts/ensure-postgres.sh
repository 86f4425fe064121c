#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server binaries are installed for the PostgreSQL tests (test/store/
# source-store-contract.test.ts, test/monitor/postgres-job-queue.test.ts, test/e2e/postgres-cli.test.ts). The
# tests start a throw-away server of their own from /usr/lib/postgresql/*/bin (test/support/postgres-server.ts);
# no server needs to be running, and the package's own cluster is not used.
#
# Exit 0 when the binaries are there or were installed. Where they cannot be installed (not root, no apt-get) it
# says how to install them and still exits 0: the PostgreSQL tests then skip with the same message, and the rest
# of the suite runs. A failed installation (apt-get's error) exits non-zero.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"

how="install them with: sudo apt-get update && sudo apt-get install -y postgresql"

have_binaries() {
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      return 0
    fi
  done
  return 1
}

if have_binaries; then
  exit 0
fi

exit_unless_can_apt_install ensure-postgres "no PostgreSQL server binaries under /usr/lib/postgresql" they \
  "the PostgreSQL tests will be skipped. To run them, $how" 0

echo "ensure-postgres: installing Debian's postgresql for the PostgreSQL tests (one time)..." >&2
apt_install postgresql

if ! have_binaries; then
  echo "ensure-postgres: apt-get finished but the server binaries are still missing; $how" >&2
  exit 1
fi
# The package starts its own cluster as a service where it can; the tests never use it.
echo "ensure-postgres: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1) installed" >&2

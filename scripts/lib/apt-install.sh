# Shared by the scripts/ensure-*.sh scripts, which each make sure one Debian package the tests need is installed.
# Sourced, not run: its `exit` ends the calling script.

# Ends the calling script with the given exit code, saying why, when this user cannot install Debian packages
# (not root, or no apt-get); returns when it can.
# Arguments: the script's name, what is missing, "it" or "they" (the missing thing), what to say after the
# reason, the exit code.
exit_unless_can_apt_install() {
  local script="$1" missing="$2" pronoun="$3" advice="$4" code="$5"
  if [ "$(id -u)" -ne 0 ]; then
    echo "$script: $missing and this user is not root, so $pronoun cannot be installed here; $advice" >&2
    exit "$code"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$script: $missing and apt-get is not available; $advice" >&2
    exit "$code"
  fi
}

# Installs the given Debian packages. The package lists are refreshed only when the first attempt fails (absent
# or stale lists), so that a machine with fresh lists installs without the slow `apt-get update`. A failure of
# the retry ends the calling script (set -e).
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "$@" >&2; then
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "$@" >&2
  fi
}

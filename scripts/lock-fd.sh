#!/usr/bin/env bash
# Waits for an exclusive lock on a file the caller holds open:  lock-fd.sh <method> <fd>
# (method from scripts/platform.js: lockMethod). Both methods make the same flock(2) call on the
# caller's open file, so the lock is the caller's: it lasts until the caller closes that file or
# exits (a crash included, so no stale lock is ever left), long after this script has returned.
#   flock  util-linux's flock command (Linux)
#   perl   the perl every macOS ships, as macOS has no flock command
set -euo pipefail
method=$1 fd=$2
missing() {
  echo "[ensure-n8n] FAILED: the lock that keeps two runs from installing at once needs $1, which is not installed ($2)." >&2
  exit 1
}
case "$method" in
  flock)
    command -v flock >/dev/null || missing flock "Debian/Ubuntu: apt-get install util-linux"
    exec flock "$fd"
    ;;
  perl)
    command -v perl >/dev/null || missing perl "macOS ships it in /usr/bin/perl; else: brew install perl"
    exec perl -e 'use Fcntl qw(:flock);
      open(my $fh, ">&=", $ARGV[0]) or die "lock-fd: file descriptor $ARGV[0]: $!\n";
      flock($fh, LOCK_EX) or die "lock-fd: flock: $!\n";' "$fd"
    ;;
  *)
    echo "[ensure-n8n] FAILED: unknown lock method '$method'" >&2
    exit 1
    ;;
esac

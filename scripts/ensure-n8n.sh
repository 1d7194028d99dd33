#!/usr/bin/env bash
# Installs the pinned n8n and a Node it can run on into a cache outside the repo, once, and proves
# on every call that the install boots: the Node that runs n8n must load each native module n8n
# needs at start. A cache that fails the check is rebuilt, never trusted because of a marker file.
# Prints two lines on success: NODE=<path to node binary>  N8N=<path to n8n's bin/n8n>.
# Progress goes to stderr so callers can show it. Safe to run concurrently (scripts/lock-fd.sh).
# Linux (x64, arm64) and macOS (arm64, x64): the Node package, the lock and the build-tools hint
# for this machine come from scripts/platform.js.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${N8N_NODE_MAJOR:-24}"
CACHE="${IMBOTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-imbots}"
HERE="$(cd "$(dirname "$0")" && pwd)"

log() { echo "[ensure-n8n] $*" >&2; }
fail() {
  log "FAILED: $*"
  log "To start over, delete $N8N_DIR (or the whole $CACHE) and run the command again;"
  log "$BUILD_TOOLS"
  exit 1
}

# Sets PLATFORM, NODE_PKG, LOCK and BUILD_TOOLS; an unsupported machine stops here, named.
platform=$(node "$HERE/platform.js" shell 2>&1) || { log "FAILED: $platform"; exit 1; }
eval "$platform"

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
"$HERE/lock-fd.sh" "$LOCK" 9

# Every nested npm runs without the caller's npm_config_* (see clean-npm.sh: the inherited
# ignore-scripts=true would silently skip the native builds).
clean_npm() { "$HERE/clean-npm.sh" "$@"; }

# n8n 2.40+ needs Node >= 24: use the system node when it is new enough, else the registry's build
# of Node for this machine (NODE_PKG).
sys_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$sys_major" -ge "$NODE_MAJOR" ]; then
  NODE_BIN=$(command -v node)
  NODE_HEADERS="$(dirname "$(dirname "$NODE_BIN")")"
else
  NODE_DIR="$CACHE/node-$NODE_MAJOR"
  NODE_BIN="$NODE_DIR/node_modules/$NODE_PKG/bin/node"
  NODE_HEADERS="$NODE_DIR/node_modules/$NODE_PKG"
  if ! "$NODE_BIN" -e 'process.exit(0)' 2>/dev/null || [ ! -f "$NODE_HEADERS/include/node/node.h" ]; then
    log "installing Node $NODE_MAJOR from the npm registry into $NODE_DIR"
    rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && echo '{"private":true}' > package.json &&
      clean_npm npm install --no-audit --no-fund --ignore-scripts --loglevel=error "$NODE_PKG@$NODE_MAJOR" >&2) ||
      { N8N_DIR="$NODE_DIR"; fail "could not install $NODE_PKG@$NODE_MAJOR ($PLATFORM) from the npm registry"; }
    "$NODE_BIN" -e 'process.exit(0)' ||
      { N8N_DIR="$NODE_DIR"; fail "the installed $NODE_PKG@$NODE_MAJOR does not run on this machine ($PLATFORM)"; }
  fi
fi
NODE_BIN_DIR=$(dirname "$NODE_BIN")

N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"

# Loads every native module n8n needs to boot, with the Node that will run it.
verify() { "$NODE_BIN" "$HERE/verify-n8n.js" "$N8N_DIR" 2>&1; }

# Builds n8n's native modules from source for NODE_BIN (no prebuilt download is reachable here).
build_native() {
  local modules
  modules=$("$NODE_BIN" "$HERE/verify-n8n.js" "$N8N_DIR" --list)
  log "building native modules ($modules) against Node $("$NODE_BIN" --version)"
  "$HERE/build-native.sh" "$N8N_DIR" "$NODE_BIN" "$NODE_HEADERS" $modules >"$N8N_DIR/.native-build.log" 2>&1 ||
    { tail -n 30 "$N8N_DIR/.native-build.log" >&2; fail "building $modules failed (full log: $N8N_DIR/.native-build.log)"; }
}

if [ ! -f "$N8N_DIR/.complete" ]; then
  started=$SECONDS
  log "installing n8n@$N8N_VERSION under Node $("$NODE_BIN" --version) into $N8N_DIR (first run only: about 4 minutes, 3 GB)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  # n8n 1.x depends on an xlsx tarball from a download host that only the registry's xlsx replaces.
  # N8N_OVERRIDES (npm overrides as JSON, set by `npm run compat` for a version whose own pins the
  # registry lacks) replaces that.
  if [ -n "${N8N_OVERRIDES:-}" ]; then
    echo "{\"private\":true,\"overrides\":$N8N_OVERRIDES}" > "$N8N_DIR/package.json"
  else
    case "$N8N_VERSION" in
      1.*) echo '{"private":true,"overrides":{"xlsx":"0.18.5"}}' > "$N8N_DIR/package.json" ;;
      *) echo '{"private":true}' > "$N8N_DIR/package.json" ;;
    esac
  fi
  (cd "$N8N_DIR" && PATH="$NODE_BIN_DIR:$PATH" clean_npm npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >&2) &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 15
    if [ -d "$N8N_DIR/node_modules" ]; then got="$(du -sh "$N8N_DIR/node_modules" 2>/dev/null | cut -f1) of about 2.8G"; else got="resolving the dependency tree"; fi
    kill -0 "$pid" 2>/dev/null && log "  still installing n8n ($got)"
  done
  wait "$pid" || fail "npm install n8n@$N8N_VERSION failed"
  build_native
  out=$(verify) || fail "n8n's native modules do not load after building them:"$'\n'"$out"
  # The marker records what the first install cost (CI prints it); it never vouches for the
  # install on its own: verify runs on every call.
  echo "installed in $((SECONDS - started)) s, $(du -sh "$N8N_DIR" | cut -f1)" > "$N8N_DIR/.complete"
  log "n8n@$N8N_VERSION ready ($(cat "$N8N_DIR/.complete"))"
elif ! out=$(verify); then
  log "the cached n8n in $N8N_DIR cannot boot ($out); rebuilding its native modules"
  build_native
  out=$(verify) || fail "n8n's native modules still do not load after a rebuild:"$'\n'"$out"
  log "n8n@$N8N_VERSION repaired"
fi
echo "NODE=$NODE_BIN"
echo "N8N=$N8N_BIN"

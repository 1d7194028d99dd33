#!/usr/bin/env bash
# Builds native modules from source in an installed tree, for a given Node:
#   build-native.sh <dir with node_modules> <node binary> <node headers dir> <module>...
# Runs whatever npm configuration the caller inherited (clean-npm.sh: an inherited
# ignore-scripts=true would build nothing and report success). Prebuilt downloads are not
# reachable on these machines, so the modules' install scripts fall back to node-gyp.
set -euo pipefail
dir=$1 node_bin=$2 headers=$3
shift 3
cd "$dir"
PATH="$(dirname "$node_bin"):$PATH" exec "$(dirname "$0")/clean-npm.sh" npm_config_nodedir="$headers" \
  npm rebuild "$@" --ignore-scripts=false --foreground-scripts --loglevel=error

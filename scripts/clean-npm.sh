#!/usr/bin/env bash
# Runs a command without the npm_config_* variables its caller inherited. `npm test`/`npm start`
# export the project's .npmrc to every child (ignore-scripts=true among them), and a nested
# `npm install`/`npm rebuild` would then silently skip native builds. npm's package cache is kept,
# so a reinstall reuses downloaded tarballs.
set -euo pipefail
cache="${npm_config_cache:-${NPM_CONFIG_CACHE:-$HOME/.npm}}"
unset_args=()
# sed -E, as macOS's sed does not take GNU's \| for "or" in a basic expression (it would unset
# nothing there). ${a[@]+...}: macOS's bash 3.2 calls an empty array unbound under set -u.
while IFS= read -r name; do unset_args+=(-u "$name"); done < <(env | sed -n -E 's/^((npm_config_|NPM_CONFIG_)[^=]*)=.*/\1/p')
exec env ${unset_args[@]+"${unset_args[@]}"} npm_config_cache="$cache" "$@"

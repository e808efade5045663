#!/usr/bin/env bash
# The desk's release build: crates/seda-desk/dist, which `seda-receiver serve --desk
# crates/seda-desk/dist` serves at /desk/. Extra arguments go to `trunk build`.
# wasm-opt comes from the npm package binaryen (pinned in package.json), as in build.sh:
# Debian's binaryen 108 corrupts the externref table wasm-bindgen 0.2.130 emits.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
cd crates/seda-desk
trunk build --release "$@"
# Trunk leaves its lock file in the folder; it is not part of the desk.
rm -f dist/.trunk-lock

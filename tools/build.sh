#!/usr/bin/env bash
# The release build: dist/ with seda.js, the hashed glue and wasm, and the demo page.
# wasm-opt comes from the npm package binaryen (pinned in package.json): Debian's
# binaryen 108 corrupts the externref table wasm-bindgen 0.2.130 emits.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release "$@"

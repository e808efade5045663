#!/usr/bin/env bash
# The release build: dist/ with seda.js, both bundles' hashed glue and wasm, the copies of the
# built-in surveys' first screens (tools/shells.mjs, drawn in headless Chromium), and the demo page.
# The lean bundle (no default features: surveys only) is built first into target/lean-dist;
# the main build (the full bundle and the demo page) then runs tools/stamp-loader.mjs,
# which copies the lean files into dist/ and stamps both bundles' names into seda.js and
# seda-sw.js. Full second, so target/wasm32-unknown-unknown/release/seda.wasm is the full
# build's (tools/size-breakdown.mjs then finds it up to date).
# wasm-opt comes from the npm package binaryen (pinned in package.json): Debian's
# binaryen 108 corrupts the externref table wasm-bindgen 0.2.130 emits.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build tools/lean.html --release --dist target/lean-dist "$@"
trunk build --release "$@"
node tools/shells.mjs dist

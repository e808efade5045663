#!/usr/bin/env bash
# The performance benchmark (tools/bench.mjs) on the release build; builds it first when
# dist/ has none. Arguments go to bench.mjs, e.g. `bash tools/bench.sh --runs 25`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f dist/seda.js ]] || ! ls dist/seda-*_bg.wasm >/dev/null 2>&1; then
  bash tools/build.sh
fi
node tools/bench.mjs "$@"

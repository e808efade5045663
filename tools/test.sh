#!/usr/bin/env bash
# Runs every test of the project; exits non-zero as soon as a stage fails.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGE=setup
START=$SECONDS
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
trap 'printf "\nFAILED at stage: %s (after %ds)\n" "$STAGE" "$((SECONDS - START))" >&2; df -h . >&2' ERR
stage() {
  STAGE=$1
  printf '\n======== %s  (at %ds) ========\n' "$STAGE" "$((SECONDS - START))"
}

# A test run builds each crate once: incremental caches (over 2 GB) would only take disk.
export CARGO_INCREMENTAL=0

stage "setup"
bash tools/setup.sh

stage "cargo test (native: the engine, crates/seda-core, and the receiver on SQLite)"
cargo test --locked --workspace 2>&1 | tee -a "$LOG"
# The lean bundle's form reader (no checklists): what it hands over unread.
cargo test --locked -p seda-core --no-default-features --test core_lean 2>&1 | tee -a "$LOG"

stage "receiver on PostgreSQL (tools/with-postgres.sh)"
# The receiver's store tests again on a throwaway PostgreSQL cluster, with two receivers
# racing on shared keys (in one process, and as two processes: tests/two_processes.rs), and kill -9
# under load; tests/postgres.rs, tests/two_processes.rs and the PostgreSQL case of
# tests/kill.rs are compiled only here, and fail without the server.
bash tools/with-postgres.sh cargo test --locked -p seda-receiver --features postgres-tests --test postgres --test kill --test two_processes 2>&1 | tee -a "$LOG"

stage "receiver with an S3-compatible file store (tools/with-s3.sh)"
# Attachments put, read back, re-sent and erased in a bucket on a local moto server;
# tests/s3.rs is compiled only here, and fails without the server.
bash tools/with-s3.sh cargo test --locked -p seda-receiver --features s3-tests --test s3 2>&1 | tee -a "$LOG"

stage "cargo test (wasm32 in headless Chromium, wasm-bindgen-test-runner)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-180} \
  cargo test --locked --target wasm32-unknown-unknown -p seda 2>&1 | tee -a "$LOG"

stage "trunk build --release"
bash tools/build.sh

stage "trunk build --release of the desk"
bash tools/build-desk.sh

stage "size report and budgets"
mkdir -p target
node tools/size-report.mjs dist --check --md target/size-report.md --desk crates/seda-desk/dist

stage "playwright end-to-end (tests/e2e)"
# The demo, receiver and desk specs start the real receiver (target/debug/seda-receiver, with
# the desk's build), on SQLite and on the throwaway PostgreSQL cluster; its cases fail without
# the server.
cargo build --locked -p seda-receiver 2>&1 | tee -a "$LOG"
bash tools/with-postgres.sh npx --no playwright test 2>&1 | tee -a "$LOG"

printf '\nall stages passed in %ds\n' "$((SECONDS - START))"
printf 'target/ holds %s\n' "$(du -sh target | cut -f1)"
# Tests counted over every runner: cargo's "test result:" lines and Playwright's summary.
awk '
  /^test result:/ { for (i = 2; i <= NF; i++) { if ($i == "passed;") p += $(i - 1); if ($i == "failed;") f += $(i - 1) } }
  /^ +[0-9]+ passed \(/ { p += $1 }
  /^ +[0-9]+ failed$/ { f += $1 }
  END { printf "%d passed, %d failed\n", p, f }
' "$LOG"

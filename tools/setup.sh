#!/usr/bin/env bash
# Installs what building and testing Seda needs (wasm-opt comes from npm: see build.sh), skipping whatever is already there.
# Safe to run again: every step checks first. Needs root for apt (as on the dev/CI machines).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
# Must equal the wasm-bindgen version in Cargo.lock (the CLI and the crate speak one ABI).
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock 2>/dev/null || true)
BINDGEN_VERSION=${BINDGEN_VERSION:-0.2.130}
SPLIT_VERSION=0.2.4

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

apt_missing=()
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
command -v brotli >/dev/null || apt_missing+=(brotli)
# The receiver's PostgreSQL tests run a throwaway cluster (tools/with-postgres.sh).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_missing+=(postgresql)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "apt installing ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# The receiver's S3 tests run a local S3-compatible server (tools/with-s3.sh).
if ! python3 -c 'import moto.server' 2>/dev/null; then
  say "pip installing moto[server]"
  python3 -m pip install --quiet 'moto[server]==5.2.1' 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages 'moto[server]==5.2.1'
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes)"
  # trunk 0.22 declares a newer rust-version than it needs; it builds and runs on 1.95.
  cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version --quiet
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lock file pins a webpki-roots release the registry no longer has.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force --quiet
fi

# The release build cuts the widget's wasm with it (tools/wasm-split.mjs); its runtime half,
# wasm_split_helpers, comes with leptos (Cargo.lock).
if ! cargo install --list | grep -q "^wasm_split_cli_support v$SPLIT_VERSION:"; then
  say "installing wasm-split-cli $SPLIT_VERSION (about 3 minutes)"
  cargo install wasm_split_cli_support --version "$SPLIT_VERSION" --locked --features build-binary --force --quiet
fi

if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

# Trunk.toml sets offline = true (it must never download tools), which makes its cargo
# offline too: fetch the crates first.
if [ -f Cargo.lock ]; then
  cargo fetch --quiet
fi
say "ready"

#!/usr/bin/env bash
# The receiver under load, on SQLite and on PostgreSQL (crates/seda-receiver/examples/load.rs):
# 20,000 responses from 64 concurrent clients, 10 % replays, 2 % of connections dropped
# mid-request; lost and duplicated responses, throughput, p50/p99 latency; then kill -9
# half-way and a restart. Results: bench/RECEIVER.md. Exits non-zero if anything is lost.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -p seda-receiver --bins --example load
load=target/release/examples/load
receiver=target/release/seda-receiver

printf '\n== SQLite (a file under target/, WAL, synchronous = FULL)\n'
"$load" --receiver "$receiver" --database sqlite "$@"

printf '\n== PostgreSQL (tools/with-postgres.sh, fsync on)\n'
SEDA_PG_FSYNC=on bash tools/with-postgres.sh "$load" --receiver "$receiver" --database postgres "$@"

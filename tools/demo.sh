#!/usr/bin/env bash
# Builds the widget and the receiver, then serves the demo page, the widget's files and the
# receiver's API on http://127.0.0.1:${PORT:-8080}/ (one process: seda-receiver serve --assets dist).
# The demo's tags post to it; responses go to the SQLite database ./data/seda.db (or
# $SEDA_DATABASE_URL). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}

bash tools/setup.sh
bash tools/build.sh
node tools/size-report.mjs dist
cargo build --release --locked -p seda-receiver

# The admin token guards the export; one is made for this run unless one is given.
if [ -z "${SEDA_ADMIN_TOKEN:-}" ]; then
  SEDA_ADMIN_TOKEN=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
fi
export SEDA_ADMIN_TOKEN

url="http://127.0.0.1:$PORT/"
cat <<EOF

Seda demo: $url
Responses are stored in ${SEDA_DATABASE_URL:-./data/seda.db} and listed at the bottom of the page.
Export them (JSON Lines; format=csv for a spreadsheet; form=csat, ces, five-needs, complaint, checkout):
  curl -H "Authorization: Bearer $SEDA_ADMIN_TOKEN" '${url}export?form=nps&format=jsonl'
(Ctrl-C stops the receiver)

EOF
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
  (sleep 1 && xdg-open "$url" >/dev/null 2>&1 || true) &
fi
exec target/release/seda-receiver serve --listen "127.0.0.1:$PORT" --assets dist --demo

#!/usr/bin/env bash
# Builds the widget, the desk and the receiver, then serves the demo page, the widget's files,
# the receiver's API and the desk on http://127.0.0.1:${PORT:-8080}/ (one process:
# seda-receiver serve --assets dist --desk crates/seda-desk/dist). The demo's tags post to it;
# responses go to the SQLite database ./data/seda.db (or $SEDA_DATABASE_URL), and the desk at
# /desk/ reads them, signed in as the account `demo` (its password is made anew and printed
# on every run). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}

bash tools/setup.sh
bash tools/build.sh
node tools/size-report.mjs dist
bash tools/build-desk.sh
cargo build --release --locked -p seda-receiver
receiver=target/release/seda-receiver

# The desk's account for this run: `demo`, with a new password each time (any earlier
# `demo` account is removed with its sessions first).
DEMO_PASSWORD=$(od -An -tx1 -N9 /dev/urandom | tr -d ' \n')
"$receiver" users remove demo >/dev/null 2>&1 || true
printf '%s\n' "$DEMO_PASSWORD" | "$receiver" users add demo --role admin >/dev/null

# The demo's checklist, registered so that its visits are verified and scored again.
"$receiver" forms add dist/demo-visit.json >/dev/null

# The admin token guards the export; one is made for this run unless one is given.
if [ -z "${SEDA_ADMIN_TOKEN:-}" ]; then
  SEDA_ADMIN_TOKEN=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
fi
export SEDA_ADMIN_TOKEN

url="http://127.0.0.1:$PORT/"
cat <<EOF

Seda demo: $url
Responses are stored in ${SEDA_DATABASE_URL:-./data/seda.db} and listed at the bottom of the page.
The desk: ${url}desk/  (name: demo, password: $DEMO_PASSWORD)
Export them (JSON Lines; format=csv for a spreadsheet; form=csat, ces, five-needs, complaint, checkout, cafe-visit):
  curl -H "Authorization: Bearer $SEDA_ADMIN_TOKEN" '${url}export?form=nps&format=jsonl'
(Ctrl-C stops the receiver)

EOF
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
  (sleep 1 && xdg-open "$url" >/dev/null 2>&1 || true) &
fi
exec "$receiver" serve --listen "127.0.0.1:$PORT" --assets dist --desk crates/seda-desk/dist --demo

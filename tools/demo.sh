#!/usr/bin/env bash
# Builds the widget and serves the demo page on 127.0.0.1:${PORT:-8080}. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}

bash tools/setup.sh
bash tools/build.sh
node tools/size-report.mjs dist

url="http://127.0.0.1:$PORT/index.html"
printf '\nSeda demo: %s\n(Ctrl-C stops the server)\n\n' "$url"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
  (sleep 1 && xdg-open "$url" >/dev/null 2>&1 || true) &
fi
exec node tools/serve.mjs dist "$PORT"

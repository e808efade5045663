#!/usr/bin/env bash
# Runs CMD... with a throwaway PostgreSQL cluster on a free 127.0.0.1 port, in a temporary
# folder, and stops and removes it afterwards. CMD sees SEDA_TEST_POSTGRES_URL (a trust-auth
# superuser URL to the `postgres` database). PostgreSQL itself comes from tools/setup.sh.
# As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: tools/with-postgres.sh CMD [ARG...]" >&2
  exit 2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: PostgreSQL is not installed (tools/setup.sh installs it)" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/seda-pg.XXXXXX")
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as=(runuser -u postgres --)
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as[@]}" "$bin/initdb" -D "$dir/data" -U seda --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }

# A random high port; another one if it is taken (pg_ctl then fails to start).
started=
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 20000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
  # fsync off: a throwaway cluster need not survive a power cut, and tests run faster
  # (SEDA_PG_FSYNC=on for a benchmark, where durability's cost belongs in the figures).
  if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${SEDA_PG_FSYNC:-off} -c max_connections=200" start >/dev/null; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres: the cluster did not start" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

export SEDA_TEST_POSTGRES_URL="postgres://seda@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
status=0
"$@" || status=$?
exit "$status"

#!/usr/bin/env bash
# Runs CMD... with a throwaway S3-compatible server (moto, from tools/setup.sh) on a free
# 127.0.0.1 port, holding one empty bucket, and stops it afterwards. CMD sees
# SEDA_TEST_S3_URL (s3://BUCKET/PREFIX) and the AWS_* settings that reach the server.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: tools/with-s3.sh CMD [ARG...]" >&2
  exit 2
fi
if ! python3 -c 'import moto.server' 2>/dev/null; then
  echo "with-s3: moto is not installed (tools/setup.sh installs it)" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/seda-s3.XXXXXX")
pid=
stop() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap stop EXIT

# A random high port; another one if it is taken or the server does not come up.
started=
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + RANDOM % 20000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
  python3 -m moto.server -H 127.0.0.1 -p "$port" >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/moto-api/" 2>/dev/null; then started=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$started" ] && break
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
done
if [ -z "$started" ]; then
  echo "with-s3: the S3 server did not start" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

bucket=seda-test
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$port/$bucket" \
  || { echo "with-s3: could not create the bucket" >&2; exit 1; }

export SEDA_TEST_S3_URL="s3://$bucket/attachments"
export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
unset AWS_SESSION_TOKEN AWS_ENDPOINT_URL_S3 AWS_PROFILE
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
echo "with-s3: moto $(python3 -c 'import moto; print(moto.__version__)') on 127.0.0.1:$port, bucket $bucket" >&2
status=0
"$@" || status=$?
exit "$status"

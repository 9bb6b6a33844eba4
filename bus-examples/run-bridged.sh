#!/usr/bin/env bash
# Runs the trading pipeline split over two processes, linked by the bridge over NATS JetStream:
# process A (bus "trading": market data, features, strategy) and process B (bus "execution": risk,
# execution, PnL), against a local nats-server that this script starts and stops:
#
#   bus-examples/run-bridged.sh                    # 10 s, a server on a free port with a temporary store
#   bus-examples/run-bridged.sh --seconds 30 --rate 5000
#   NATS_URL=nats://10.0.0.5:4222 bus-examples/run-bridged.sh   # an existing server instead
#
# It builds like run.sh, starts B in the background and A in the foreground, and prints both
# processes' lines, A's prefixed "A trading:", B's "B execution:". Needs nats-server on the PATH
# (sudo apt-get install -y nats-server) unless NATS_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "building bus-examples and the modules it needs (./mvnw package, tests skipped)"
./mvnw -q -B -ntp -pl bus-examples -am -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip package \
  2>&1 | grep -v -e 'filename-based automodules detected: \[HdrHistogram-' -e '^\[WARNING\] \*\+$' || true

store=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$store"
}
trap cleanup EXIT

url=${NATS_URL:-}
if [ -z "$url" ]; then
  server=$(command -v nats-server || echo /usr/sbin/nats-server)
  if [ ! -x "$server" ]; then
    echo "nats-server is not installed: sudo apt-get install -y nats-server (or set NATS_URL)" >&2
    exit 1
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$server" -js -a 127.0.0.1 -p "$port" -sd "$store/jetstream" >"$store/nats.log" 2>&1 &
  server_pid=$!
  url=nats://127.0.0.1:$port
  echo "nats-server -js on $url (store $store)"
fi

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
main=io.hftbus.examples/io.hftbus.examples.bridge.BridgedPipeline
"$java" --module-path bus-examples/target/modules --module "$main" --role execution --nats "$url" "$@" &
b_pid=$!
"$java" --module-path bus-examples/target/modules --module "$main" --role trading --nats "$url" "$@"
wait "$b_pid"

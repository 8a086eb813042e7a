#!/usr/bin/env bash
# Starts a WFM (embedded H2, development PKI) on loopback ports, then runs the poll load driver against it:
# keep-alive 304 throughput, and server CPU per poll with a full TLS 1.3 handshake and with a resumed session.
# Extra arguments go to the driver (--seconds N --concurrency N --handshakes N).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
if [ ! -f wfm/target/wfm.jar ] || [ ! -f benchmarks/target/benchmarks.jar ]; then
    mvn -B -q -ntp -DskipTests package
fi
data=$(mktemp -d)
port=${PORT:-18443}
oport=${OPERATOR_PORT:-18081}
"$JAVA_HOME/bin/java" ${WFM_JAVA_OPTS:-} -Dwfm.data-dir="$data" -Dwfm.device-api.host=127.0.0.1 \
    -Dwfm.device-api.port="$port" -Dwfm.operator.port="$oport" -jar wfm/target/wfm.jar >"$data/wfm.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
    grep -q "WFM ready" "$data/wfm.log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$data/wfm.log"; exit 1; }
    sleep 0.5
done
grep -q "WFM ready" "$data/wfm.log" || { echo "WFM did not start"; cat "$data/wfm.log"; exit 1; }
"$JAVA_HOME/bin/java" -cp benchmarks/target/benchmarks.jar org.openmargo.benchmarks.PollLoad \
    --data-dir "$data" --port "$port" --operator-port "$oport" --pid "$pid" "$@"

#!/usr/bin/env bash
# The fleet simulator against WFM instances it starts on loopback (benchmarks/README.md, "Fleet simulator").
#   benchmarks/run-fleet.sh [FleetSim run options: --devices N --interval S --seconds S --warmup S ...]
# INSTANCES=1 (default): one WFM on embedded H2, devices connect to it directly.
# INSTANCES=2: two WFMs on one PostgreSQL (PG_URL, default the shared server's database `test`, in a schema of this
#   run that is dropped at the end) behind HAProxy in TCP pass-through mode (mTLS end to end); HAProxy's CPU is
#   reported as "proxy". BALANCE: HAProxy's balance algorithm, default `source` (each device connects from its own
#   loopback address, --spread-sources): a WFM instance can only resume the TLS sessions it issued tickets for.
# MODE=terminate: HAProxy terminates the devices' mutual TLS instead (mode (b), packaging/haproxy/terminate.cfg, with
#   as many server lines as INSTANCES, also for one instance) and forwards each request with the RFC 9440 Client-Cert
#   header over kept-alive mutual-TLS connections to each WFM's proxied listener; HAProxy's CPU is "proxy".
# WFM_CPUS / SIM_CPUS: taskset CPU lists for the WFM(s) (and HAProxy) and for the simulator (e.g. 0 and 1).
# WFM_JAR: another build of the WFM (a copy of wfm/target/wfm.jar with its libs/ beside it), for before/after runs.
# WFM_JAVA_OPTS / SIM_JAVA_OPTS: extra JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
if [ ! -f wfm/target/wfm.jar ] || [ ! -f benchmarks/target/benchmarks.jar ]; then
    mvn -B -q -ntp -DskipTests package
fi
instances=${INSTANCES:-1}
mode=${MODE:-direct}
base_port=${PORT:-18543}
data=$(mktemp -d)
pids=()
schema="fleet_sim_$$"
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    if [ "$instances" -gt 1 ]; then
        psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
}
trap cleanup EXIT
java=("$JAVA_HOME/bin/java")
bench=(-cp benchmarks/target/benchmarks.jar org.openmargo.benchmarks.fleet.FleetSim)
"${java[@]}" "${bench[@]}" init-ca --dir "$data/ca"

db=()
if [ "$instances" -gt 1 ]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
    db=(-Dwfm.database.url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema"
        -Dwfm.database.user=postgres)
fi
proxied=()
if [ "$mode" = terminate ]; then
    mkdir -p "$data/certs"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=haproxy -days 2 \
        -keyout "$data/certs/proxy-key.pem" -out "$data/certs/proxy-cert.pem" 2>/dev/null
    cat "$data/certs/proxy-cert.pem" "$data/certs/proxy-key.pem" >"$data/certs/proxy-client.pem"
    fingerprint=$(openssl x509 -in "$data/certs/proxy-cert.pem" -noout -fingerprint -sha256 | cut -d= -f2 \
        | tr -d : | tr 'A-F' 'a-f')
    "${java[@]}" "${bench[@]}" issue-server --dir "$data/ca"
    mv "$data/ca/server.pem" "$data/certs/front.pem"
    cp "$data/ca/ca.pem" "$data/certs/anchors.pem"
    proxied=(-Dwfm.proxied-device-api.enabled=true -Dwfm.proxied-device-api.proxy-fingerprints="sha256:$fingerprint")
fi
wfm_pids=()
for i in $(seq 1 "$instances"); do
    dir="$data/wfm-$i"
    mkdir -p "$dir"
    port=$((base_port + 10 * i))
    ${WFM_CPUS:+taskset -c "$WFM_CPUS"} "${java[@]}" ${WFM_JAVA_OPTS:-} -Xmx1g -Dwfm.data-dir="$dir" \
        "${db[@]}" \
        -Dwfm.device-api.host=127.0.0.1 -Dwfm.device-api.port="$port" -Dwfm.operator.port=$((port + 1)) \
        -Dwfm.identity-service.host=127.0.0.1 -Dwfm.identity-service.port=$((port + 2)) \
        -Dwfm.observe.port=$((port + 3)) "${proxied[@]}" -Dwfm.proxied-device-api.port=$((port + 4)) \
        -Dwfm.identity-service.ca-certificate="$data/ca/ca.pem" \
        -Dwfm.identity-service.ca-private-key="$data/ca/ca.key" \
        -Dwfm.identity.accept-namespace=true \
        -Dwfm.identity-service.ca-key-passphrase="fleet-sim-$$" \
        -jar "${WFM_JAR:-wfm/target/wfm.jar}" >"$dir/wfm.log" 2>&1 &
    pids+=($!)
    wfm_pids+=($!)
    for _ in $(seq 1 240); do
        grep -q "WFM ready" "$dir/wfm.log" && break
        kill -0 "${pids[-1]}" 2>/dev/null || { cat "$dir/wfm.log"; exit 1; }
        sleep 0.5
    done
    grep -q "WFM ready" "$dir/wfm.log" || { echo "WFM $i did not start"; cat "$dir/wfm.log"; exit 1; }
done

proxy=()
url="https://127.0.0.1:$((base_port + 10))"
if [ "$mode" = terminate ]; then
    cfg="$data/haproxy.cfg"
    # the packaged configuration, with one server line per instance
    grep -v '^    server wfm' packaging/haproxy/terminate.cfg >"$cfg"
    for i in $(seq 1 "$instances"); do
        echo "    server wfm$i 127.0.0.1:$((base_port + 10 * i + 4))" >>"$cfg"
    done
    export OPENMARGO_DEVICE_BIND="127.0.0.1:$base_port" OPENMARGO_CERTS="$data/certs"
fi
if [ "$mode" != terminate ] && [ "$instances" -gt 1 ]; then
    cfg="$data/haproxy.cfg"
    {
        echo "global"
        echo "    maxconn 8000"
        echo "defaults"
        echo "    mode tcp"
        echo "    timeout connect 5s"
        echo "    timeout client 60s"
        echo "    timeout server 60s"
        echo "frontend device_api"
        echo "    bind 127.0.0.1:$base_port"
        echo "    default_backend wfm"
        echo "backend wfm"
        echo "    balance ${BALANCE:-source}"
        for i in $(seq 1 "$instances"); do
            echo "    server wfm$i 127.0.0.1:$((base_port + 10 * i))"
        done
    } >"$cfg"
fi
if [ "$mode" = terminate ] || [ "$instances" -gt 1 ]; then
    haproxy -c -q -f "$cfg"
    ${WFM_CPUS:+taskset -c "$WFM_CPUS"} haproxy -db -f "$cfg" >"$data/haproxy.log" 2>&1 &
    pids+=($!)
    proxy=(--proxy-pid $!)
    url="https://127.0.0.1:$base_port"
    sleep 1
fi
echo "WFM pid(s) ${wfm_pids[*]}, URL $url, load average $(cut -d' ' -f1-3 /proc/loadavg)"
${SIM_CPUS:+taskset -c "$SIM_CPUS"} "${java[@]}" ${SIM_JAVA_OPTS:--Xmx2g} "${bench[@]}" run --ca "$data/ca" \
    --url "$url" --pid "$(IFS=,; echo "${wfm_pids[*]}")" "${proxy[@]}" \
    --operator "http://127.0.0.1:$((base_port + 11))" --token-file "$data/wfm-1/operator-token" \
    --spread-sources true "$@"
if [ "$instances" -gt 1 ]; then
    echo "database size (schema $schema): $(psql -tA -h 127.0.0.1 -U postgres -d test -c "SELECT pg_size_pretty(sum(
        pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(tablename)))) FROM pg_tables
        WHERE schemaname = '$schema'")"
else
    echo "database size (H2 files): $(du -sh "$data/wfm-1/db" | cut -f1)"
fi
for i in $(seq 1 "$instances"); do
    if grep -q "SEVERE\|Exception" "$data/wfm-$i/wfm.log"; then
        echo "--- WFM $i log excerpts (errors):"
        grep -m 10 "SEVERE\|Exception" "$data/wfm-$i/wfm.log"
    fi
done

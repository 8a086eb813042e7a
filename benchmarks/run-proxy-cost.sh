#!/usr/bin/env bash
# What mutual TLS costs when something other than the WFM terminates it (benchmarks/README.md, "TLS options"):
# the fleet simulator's devices poll a static manifest file served by nginx over plain HTTP on loopback, with mTLS
# terminated by
#   MODE=haproxy (default): HAProxy (mode http, verify required, TLS 1.3, the client certificate forwarded as an
#                           RFC 9440 Client-Cert header), keep-alive connections to nginx;
#   MODE=nginx:             nginx itself (ssl_verify_client on), the reference of issue 16.
# The simulator reports the terminator's CPU per poll as "proxy" (haproxy) or "WFM" (nginx: the process given as --pid).
#   benchmarks/run-proxy-cost.sh [FleetSim run options: --devices N --interval S --resume true|false ...]
# PROXY_CPUS / SIM_CPUS: taskset CPU lists for the proxy and nginx, and for the simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests package
mode=${MODE:-haproxy}
port=${PORT:-18643}
data=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$data"
}
trap cleanup EXIT
java=("$JAVA_HOME/bin/java" -cp benchmarks/target/benchmarks.jar org.openmargo.benchmarks.fleet.FleetSim)
"${java[@]}" init-ca --dir "$data"
"${java[@]}" issue-server --dir "$data"
openssl x509 -in "$data/server.pem" -out "$data/server.crt"
openssl pkey -in "$data/server.pem" -out "$data/server.key"
echo '{"manifestVersion":1,"deployments":[]}' >"$data/manifest.json"
if [ "$mode" = nginx ]; then
    listen="listen 127.0.0.1:$port ssl; ssl_certificate $data/server.crt; ssl_certificate_key $data/server.key;
            ssl_client_certificate $data/ca.pem; ssl_verify_client on; ssl_protocols TLSv1.3;
            ssl_session_tickets on; ssl_session_timeout 30m;"
else
    listen="listen 127.0.0.1:$((port + 1));"
fi
cat >"$data/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $data/nginx.pid;
error_log $data/nginx.err warn;
events { worker_connections 20000; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $data; proxy_temp_path $data; fastcgi_temp_path $data; uwsgi_temp_path $data;
    scgi_temp_path $data;
    server {
        $listen
        location = /api/v1/deployments {
            alias $data/manifest.json;
            default_type application/vnd.margo.manifest.v1+json;
            etag on;
        }
    }
}
EOF
${PROXY_CPUS:+taskset -c "$PROXY_CPUS"} nginx -p "$data" -c "$data/nginx.conf" &
pids+=($!)
nginx_pid=$!
proxy=()
if [ "$mode" != nginx ]; then
    cat >"$data/haproxy.cfg" <<EOF
global
    maxconn 8000
    ssl-default-bind-options ssl-min-ver TLSv1.3
    tune.ssl.cachesize 100000
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-keep-alive 60s
frontend device_api
    bind 127.0.0.1:$port ssl crt $data/server.pem ca-file $data/ca.pem verify required
    http-request set-header Client-Cert :%[ssl_c_der,base64]:
    default_backend static
backend static
    http-reuse always
    server nginx 127.0.0.1:$((port + 1))
EOF
    haproxy -c -q -f "$data/haproxy.cfg"
    ${PROXY_CPUS:+taskset -c "$PROXY_CPUS"} haproxy -db -f "$data/haproxy.cfg" >"$data/haproxy.log" 2>&1 &
    pids+=($!)
    proxy=(--proxy-pid $!)
fi
sleep 1
echo "mode $mode, nginx pid $nginx_pid ${proxy[*]}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
${SIM_CPUS:+taskset -c "$SIM_CPUS"} "$JAVA_HOME/bin/java" ${SIM_JAVA_OPTS:--Xmx2g} -cp benchmarks/target/benchmarks.jar \
    org.openmargo.benchmarks.fleet.FleetSim run --ca "$data" --url "https://127.0.0.1:$port" --pid "$nginx_pid" \
    "${proxy[@]}" --capabilities false "$@"

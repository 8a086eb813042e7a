#!/usr/bin/env bash
# Runs the main job on this machine: the WFM on its embedded H2 database (with its built-in identity service) and a
# local agent against it over mutual TLS, using the agent's SIMULATED runtime (it installs nothing). Ctrl-C stops both.
#   WFM data:   ./wfm-data         agent state and config: ./local-agent
set -euo pipefail
cd "$(dirname "$0")"

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
        export JAVA_HOME="$candidate"; break
    fi
done
[ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] || { echo "run-local: needs a JDK 21+ (set JAVA_HOME)" >&2; exit 1; }
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

if [ ! -f wfm/target/wfm.jar ] || [ ! -f agent-jdk-only/target/agent.jar ]; then
    echo "run-local: building (mvn package, tests skipped)..."
    mvn -B -q -ntp -DskipTests package
fi

data=wfm-data
agent_dir=local-agent
operator=http://127.0.0.1:8081
mkdir -p "$agent_dir"
# demo-agent: the WFM generates this demo client's key and SVID into $data/pki/clients/demo-agent at start (a
# shortcut for this demo; a real device enrolls with a key it generates itself).
"$JAVA_HOME/bin/java" -Dwfm.data-dir="$data" -Dwfm.identity-service.demo-client=demo-agent -jar wfm/target/wfm.jar &
wfm_pid=$!
agent_pid=
stop() {
    [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null
    kill "$wfm_pid" 2>/dev/null
    wait 2>/dev/null
}
trap stop EXIT INT TERM

for _ in $(seq 1 120); do
    [ -f "$data/operator-token" ] && curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$data/operator-token")" \
        "$operator/operator/v1/clients" && break
    kill -0 "$wfm_pid" 2>/dev/null || { echo "run-local: the WFM did not start" >&2; exit 1; }
    sleep 0.5
done
token=$(cat "$data/operator-token")
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" "$operator/operator/v1/clients/demo-agent/accept"

client="$data/pki/clients/demo-agent"
if [ ! -f "$agent_dir/agent.conf" ]; then
    cat > "$agent_dir/agent.conf" <<CONF
# Local demo agent (written by run-local.sh). Every key: agent-jdk-only/src/main/dist/agent.conf.example
wfm.url = https://127.0.0.1:8443
trust.bundle = $PWD/$data/pki/bundle.json
identity.certificate = $PWD/$client/svid.pem
identity.private-key = $PWD/$client/svid.key
state.dir = $PWD/$agent_dir/state
runtime = simulated
poll.rate = PT10S
status.interval = PT10S
device.id = demo-device
device.vendor = OpenMargo
device.model = local-demo
device.serial = DEMO-0001
device.supported-deployment-types = helm, compose
CONF
fi
"$JAVA_HOME/bin/java" -jar agent-jdk-only/target/agent.jar --config "$agent_dir/agent.conf" &
agent_pid=$!

cat <<INFO

run-local: WFM (device API https://127.0.0.1:8443, operator API $operator) and the local agent are running.
  The agent uses the SIMULATED runtime: deployments are reported installed but nothing is installed.
  Add the sample deployment:
    curl -s -X PUT -H "Authorization: Bearer \$(cat $data/operator-token)" --data-binary @examples/hello-deployment.yaml \\
         $operator/operator/v1/clients/demo-agent/deployments
  Then watch it arrive (within ~10 s):
    curl -s -H "Authorization: Bearer \$(cat $data/operator-token)" $operator/operator/v1/clients/demo-agent
    java -jar agent-jdk-only/target/agent.jar status --config $agent_dir/agent.conf
  Ctrl-C stops both.
INFO
wait "$wfm_pid"

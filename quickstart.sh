#!/usr/bin/env bash
# Quickstart: the whole system on this machine in one command.
#   1. builds the WFM and the agent (Maven, tests skipped) and the agent's jlinked runtime image (jlink/build.sh)
#   2. starts the WFM on its embedded H2 database with a FRESH trust domain (./quickstart/wfm-data is recreated)
#   3. creates a one-time enrollment token; the agent enrolls with it (its key is generated here, never sent)
#   4. gives the agent a sample deployment (examples/hello-deployment.yaml) and starts it with the SIMULATED runtime
#   5. waits until the WFM has the agent's capabilities and the deployment is reported `installed`
# Ctrl-C stops the WFM and the agent cleanly.
#
# Usage: ./quickstart.sh [--exit-when-installed] [--no-build] [--no-aot] [--timeout SECONDS]
#   --exit-when-installed  stop everything and exit 0 once the deployment is installed (used by the CI test)
#   --no-build             use the jars already built (the jlinked image is still rebuilt when out of date)
#   --no-aot               build the jlinked image without the JDK 25 AOT cache (faster build, slower start)
# Needs only a JDK 21+ and Maven (the operator steps use the WFM's own CLI, `wfm admin`).
# Environment: JAVA_HOME (a JDK 21+; found automatically otherwise), QUICKSTART_DIR (default ./quickstart),
#              QUICKSTART_DEVICE_PORT / QUICKSTART_MIS_PORT / QUICKSTART_OPERATOR_PORT (default 8443 / 8444 / 8081),
#              QUICKSTART_OBSERVE_PORT (health and metrics, default 9464).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"

exit_when_installed=
build=yes
aot_flag=
timeout=120
while [ $# -gt 0 ]; do
    case "$1" in
        --exit-when-installed) exit_when_installed=yes; shift ;;
        --no-build) build=; shift ;;
        --no-aot) aot_flag=--no-aot; shift ;;
        --timeout) timeout=$2; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "quickstart: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done

step() { printf '\n\033[1m[quickstart] %s\033[0m\n' "$*"; }
info() { printf '[quickstart]   %s\n' "$*"; }
fail() { printf '[quickstart] FAILED: %s\n' "$*" >&2; exit 1; }

# --- JDK 21+ --------------------------------------------------------------------------------------------------
. "$root/scripts/jdk.sh"
jdk=$(pick_jdk jlink jdeps) || fail "needs a JDK 21 or newer with jlink (set JAVA_HOME)"
export JAVA_HOME=$jdk
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
java="$JAVA_HOME/bin/java"

dir=${QUICKSTART_DIR:-$root/quickstart}
device_port=${QUICKSTART_DEVICE_PORT:-8443}
mis_port=${QUICKSTART_MIS_PORT:-8444}
operator_port=${QUICKSTART_OPERATOR_PORT:-8081}
observe_port=${QUICKSTART_OBSERVE_PORT:-9464}
operator=http://127.0.0.1:$operator_port
client=quickstart-agent

# --- build ------------------------------------------------------------------------------------------------------
if [ -n "$build" ]; then
    step "1/5 Building the WFM and the agent (mvn package, tests skipped; the first build downloads dependencies)"
    mvn -B -q -ntp -DskipTests package -pl wfm,agent-jdk-only -am || fail "the Maven build failed (output above)"
else
    step "1/5 Using the WFM and agent jars already built (--no-build)"
fi
[ -f wfm/target/wfm.jar ] && [ -f agent-jdk-only/target/agent.jar ] \
    || fail "wfm/target/wfm.jar or agent-jdk-only/target/agent.jar is missing (run without --no-build)"
info "building the agent's jlinked runtime image (jlink/build.sh; skipped when up to date)"
jlink/build.sh $aot_flag 2>&1 | sed 's/^/[quickstart]   /'
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "jlink/build.sh failed (output above)"
agent_cmd=("$root/jlink/target/image/bin/openmargo-agent")
info "the agent runs from the jlinked image: ${agent_cmd[0]}"

# --- processes and a clean stop -----------------------------------------------------------------------------------
wfm_pid=
agent_pid=
stop() {
    trap - EXIT INT TERM
    set +e
    # SIGTERM: both shut down cleanly (the agent finishes its state writes, the WFM closes its database).
    if [ -n "$agent_pid" ]; then kill -TERM "$agent_pid" 2>/dev/null; wait "$agent_pid" 2>/dev/null; fi
    if [ -n "$wfm_pid" ]; then kill -TERM "$wfm_pid" 2>/dev/null; wait "$wfm_pid" 2>/dev/null; fi
    if [ -n "$agent_pid$wfm_pid" ]; then info "stopped the agent and the WFM"; fi
    return 0
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

step "2/5 Starting the WFM with a fresh trust domain in $dir/wfm-data (embedded H2 database)"
rm -rf "$dir"
mkdir -p "$dir/agent"
"$java" -Dwfm.data-dir="$dir/wfm-data" -Dwfm.trust-domain=quickstart.local \
    -Dwfm.device-api.port="$device_port" -Dwfm.identity-service.port="$mis_port" \
    -Dwfm.operator.port="$operator_port" -Dwfm.observe.port="$observe_port" -jar wfm/target/wfm.jar \
    >"$dir/wfm.log" 2>&1 &
wfm_pid=$!
admin=("$java" -jar wfm/target/wfm.jar admin --url "$operator" --token-file "$dir/wfm-data/operator-token" --as quickstart)
for _ in $(seq 1 120); do
    [ -f "$dir/wfm-data/operator-token" ] && "${admin[@]}" clients list >/dev/null 2>&1 && break
    kill -0 "$wfm_pid" 2>/dev/null || { tail -20 "$dir/wfm.log" >&2; wfm_pid=; fail "the WFM did not start (log: $dir/wfm.log)"; }
    sleep 0.5
done
info "device API https://localhost:$device_port (mTLS), identity service https://localhost:$mis_port, operator API $operator"

step "3/5 Enrolling the agent '$client' with a one-time token"
token_json=$("${admin[@]}" token create --client "$client" --ttl PT10M --json) || fail "could not create an enrollment token"
json_field() { printf '%s' "$token_json" | tr -d '\n' | sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }
enroll_token=$(json_field token)
discovery=$(json_field discoveryUri)
pin=$(printf '%s' "$token_json" | tr -d '\n' | grep -o 'sha256:[0-9a-f]\{64\}' | head -1)
[ -n "$enroll_token" ] && [ -n "$discovery" ] || fail "unexpected token answer: $token_json"
info "token created for $client (single use, expires in 10 minutes); discovery $discovery, pin ${pin:-none}"
cat > "$dir/agent/agent.conf" <<CONF
# Written by quickstart.sh. Every key: agent-jdk-only/src/main/dist/agent.conf.example
wfm.url = https://localhost:$device_port
trust.discovery-url = $discovery
trust.pins = $pin
identity.certificate = $dir/agent/svid.pem
identity.private-key = $dir/agent/svid.key
state.dir = $dir/agent/state
runtime = simulated
poll.rate = PT5S
backoff.initial = PT2S
status.interval = PT1M
device.id = demo-device
device.vendor = OpenMargo
device.model = quickstart
device.serial = QS-0001
device.supported-deployment-types = helm, compose
CONF
printf '%s' "$enroll_token" > "$dir/agent/enroll-token"
chmod 600 "$dir/agent/enroll-token"
"${agent_cmd[@]}" enroll --config "$dir/agent/agent.conf" --token-file "$dir/agent/enroll-token" 2>&1 \
    | sed 's/^/[quickstart]   agent: /'
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "the agent could not enroll"
rm -f "$dir/agent/enroll-token"

step "4/5 Giving the agent a sample deployment and starting it"
"${admin[@]}" deployments put --client "$client" --file examples/hello-deployment.yaml >/dev/null \
    || fail "the WFM refused examples/hello-deployment.yaml"
info "examples/hello-deployment.yaml stored as desired state for $client"
info "NOTE: the agent runs the SIMULATED runtime: it reports deployments installed but installs nothing"
# The image logs one line per record on stdout; stderr only carries what is not a log record (docs/agent.md "Logs, stopping and exit codes").
"${agent_cmd[@]}" run --config "$dir/agent/agent.conf" >"$dir/agent.log" 2>"$dir/agent.stderr" &
agent_pid=$!

step "5/5 Waiting for capabilities and the deployment to reach 'installed' (up to ${timeout}s)"
seen_caps=
state=
deadline=$((SECONDS + timeout))
while [ "$SECONDS" -lt "$deadline" ]; do
    overview=$("${admin[@]}" clients show "$client" 2>/dev/null || true)
    if [ -z "$seen_caps" ] && printf '%s' "$overview" | grep -q '"capabilities"'; then
        seen_caps=yes; info "capabilities reported by demo-device"
    fi
    now=$(printf '%s' "$overview" | tr -d '\n' | sed -n 's/.*"status" *: *{ *"state" *: *"\([a-z]*\)".*/\1/p')
    if [ -n "$now" ] && [ "$now" != "$state" ]; then state=$now; info "deployment state: $state"; fi
    [ -n "$seen_caps" ] && [ "$state" = installed ] && break
    kill -0 "$agent_pid" 2>/dev/null || { tail -20 "$dir/agent.log" "$dir/agent.stderr" >&2; agent_pid=; fail "the agent stopped (log: $dir/agent.log)"; }
    sleep 0.5
done
[ -n "$seen_caps" ] && [ "$state" = installed ] \
    || fail "no installed deployment within ${timeout}s (logs: $dir/wfm.log, $dir/agent.log)"

cat <<SUMMARY

[quickstart] Done: the agent enrolled, reported its capabilities and installed hello-line (simulated).
  Logs           $dir/wfm.log, $dir/agent.log
  Agent's view   ${agent_cmd[0]} status --config $dir/agent/agent.conf
  Operator CLI   W="${admin[*]}"
                 \$W clients show $client    what the WFM knows about the agent
                 \$W audit                   who did what (token, enrollment, deployment)
                 \$W --help                  tokens, clients, deployments, CSR signing, CA rotation
  Next           docs/onboarding.md (a real device, both flows), docs/wfm.md, docs/agent.md
SUMMARY
if [ -n "$exit_when_installed" ]; then
    exit 0
fi
echo "[quickstart] Running. Ctrl-C stops the WFM and the agent."
wait "$wfm_pid"

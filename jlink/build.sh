#!/usr/bin/env bash
# Builds a small self-contained run-time image of the device agent (agent-jdk-only) with jlink:
#   jlink/target/image/bin/openmargo-agent      launcher (sh): the image's java -jar lib/app/agent.jar "$@"
#   jlink/target/image/lib/app/agent.jar        the agent
#   jlink/target/image/lib/app/agent.aot        JDK 25+ AOT cache, trained inside this image with the baked flags
#
# Usage: jlink/build.sh [--out DIR] [--train-config FILE] [--no-aot] [--force]
#   --train-config FILE  train the AOT cache with an `--once` pass using this agent config (a reachable WFM);
#                        without it the training run is `validate-config` on a generated sample config
#   --no-aot             do not make an AOT cache
#   --force              rebuild even when the image is up to date
# Environment: JAVA_HOME (a JDK 21+; found automatically otherwise), AGENT_MODULES (overrides the jdeps result),
#              AGENT_JAVA_FLAGS (overrides the flags baked into the image), AOT_TRAINING_FLAGS (extra JVM options
#              of the training run only, e.g. -XX:-AOTClassLinking).
# Not part of the Maven build itself; the e2e module's QuickstartTest (in CI) and quickstart.sh run it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/jlink/target/image"
train_config=
aot=yes
force=
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --train-config) train_config=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
        --no-aot) aot=; shift ;;
        --force) force=yes; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "jlink/build.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
say() { echo "jlink/build.sh: $*" >&2; }

# --- a JDK 21+ with jlink and jdeps ----------------------------------------------------------------------------
. "$root/scripts/jdk.sh"
if ! jdk=$(pick_jdk jlink jdeps); then
    say "needs a JDK 21+ with jlink and jdeps (set JAVA_HOME); none found in \$JAVA_HOME or /usr/lib/jvm"
    exit 1
fi
major=$(java_major "$jdk")
say "using $jdk (Java $major)"

# --- the agent jar ------------------------------------------------------------------------------------------------
jar="$root/agent-jdk-only/target/agent.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/agent-jdk-only/src/main" "$root/agent-jdk-only/pom.xml" -newer "$jar" -print -quit)" ]; then
    say "building agent.jar (mvn package, tests skipped): missing or older than its sources"
    (cd "$root" && JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
        mvn -q -B -o -pl agent-jdk-only package -DskipTests) \
        || { say "mvn package failed (offline); see the output above"; exit 1; }
fi

# --- modules ---------------------------------------------------------------------------------------------------
# jdeps reports java.base, java.logging, java.net.http and jdk.management (+ java.management through it). The agent
# only touches java.lang.management / com.sun.management in HostFacts, as a fallback when /proc/meminfo is not readable,
# and catches the LinkageError when they are missing; on Linux they are never used. They are left out by default
# (about 1.5 MB and a few classes); set AGENT_MODULES to the jdeps list to keep them.
deps=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$major" "$jar")
modules=${AGENT_MODULES:-$(echo "$deps" | tr ',' '\n' | grep -vx 'jdk.management\|java.management' | paste -sd, -)}
say "jdeps: $deps; linking: $modules"

# --- flags baked into the image (STACK-NOTES flags F2) ------------------------------------------------------------
# F2 of STACK-NOTES, plus: glibc's free memory handed back every 10 s (RSS of an idle agent stops creeping up), the
# heap shrunk after a collection when it is mostly free, and the JVM's own warnings (unified logging) sent to stderr
# so that stdout carries only the agent's log lines.
flags=${AGENT_JAVA_FLAGS:-"-XX:+UseSerialGC -Xms4m -Xmx16m -Xss256k -XX:MaxMetaspaceSize=32m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:CICompilerCount=1 -XX:-UsePerfData -XX:TrimNativeHeapInterval=10000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xlog:disable -Xlog:all=warning:stderr"}

# --- up to date? ----------------------------------------------------------------------------------------------------
stamp_text=$( { echo "$jdk $major"; echo "$modules"; echo "$flags"; echo "aot=$aot ${AOT_TRAINING_FLAGS:-}"; \
    cat "$root/agent-jdk-only/src/main/dist/logging.properties"; \
    [ -n "$train_config" ] && cat "$train_config"; sha256sum "$jar" "$0"; } | sha256sum | cut -d' ' -f1)
if [ -z "$force" ] && [ -f "$out/.openmargo-build" ] && [ "$(cat "$out/.openmargo-build")" = "$stamp_text" ]; then
    say "image up to date: $out"
    exit 0
fi

case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

# --- jlink (into a fresh directory; jlink refuses an existing one) -----------------------------------------------------
rm -rf "$out"
mkdir -p "$(dirname "$out")"
plugins="--strip-debug --no-header-files --no-man-pages"
compress="--compress=zip-9"   # zip-N needs JDK 21+, which is checked above
# shellcheck disable=SC2086
"$jdk/bin/jlink" --add-modules "$modules" $plugins $compress --add-options="$flags" --output "$out"

# --- the agent and its launcher ---------------------------------------------------------------------------------------
mkdir -p "$out/lib/app"
cp "$jar" "$out/lib/app/agent.jar"
# The agent logs to stdout, one line per record (org.openmargo.agent.log.LogLine): the image's logging configuration.
cp "$root/agent-jdk-only/src/main/dist/logging.properties" "$out/conf/logging.properties"
cat > "$out/bin/openmargo-agent" <<'LAUNCHER'
#!/bin/sh
# OpenMargo device agent, run on this jlinked image. Flags are baked into the image (bin/java -XshowSettings shows
# them); extra JVM options: OPENMARGO_AGENT_JAVA_OPTS. The AOT cache is used when present and still valid.
set -e
bin=$(cd "$(dirname "$0")" && pwd -P)
home=${bin%/bin}
aot=
[ -f "$home/lib/app/agent.aot" ] && aot="-XX:AOTCache=$home/lib/app/agent.aot"
# glibc makes up to 8 malloc arenas per CPU as threads contend; two are plenty for the agent and fragment less (RSS).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086
exec "$home/bin/java" $aot ${OPENMARGO_AGENT_JAVA_OPTS:-} -jar "$home/lib/app/agent.jar" "$@"
LAUNCHER
chmod 755 "$out/bin/openmargo-agent"

# --- strip native libraries ---------------------------------------------------------------------------------------------
if command -v strip >/dev/null 2>&1; then
    find "$out/lib" -name '*.so' -exec strip --strip-unneeded {} +
    strip --strip-unneeded "$out/bin/java" 2>/dev/null || true
else
    say "no strip command: native libraries left as they are"
fi

# --- AOT cache (JDK 25+: JEP 514 one-step training), trained in this image with the baked flags --------------------
if [ -n "$aot" ] && [ "$major" -ge 25 ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    if [ -n "$train_config" ]; then
        say "training the AOT cache: --once with $train_config"
        training=(--once --config "$train_config")
    else
        mkdir -p "$work/state"
        cat > "$work/agent.conf" <<CONF
wfm.url = https://127.0.0.1:9
trust.bundle = $work/bundle.json
identity.certificate = $work/svid.pem
identity.private-key = $work/svid.key
state.dir = $work/state
runtime = simulated
device.id = aot-training
CONF
        say "training the AOT cache: validate-config on a sample config (pass --train-config for a better one)"
        training=(validate-config --config "$work/agent.conf")
    fi
    # The training pass may fail (e.g. the sample config names files that do not exist); the classes it loaded still count.
    # It goes through the launcher so that the class path is exactly the one later runs use.
    OPENMARGO_AGENT_JAVA_OPTS="-XX:AOTCacheOutput=$out/lib/app/agent.aot ${AOT_TRAINING_FLAGS:-}" \
        "$out/bin/openmargo-agent" "${training[@]}" > "$work/training.log" 2>&1 || true
    if [ -f "$out/lib/app/agent.aot" ]; then
        say "AOT cache: $(du -h "$out/lib/app/agent.aot" | cut -f1)"
    else
        say "no AOT cache was written; the launcher runs without one. Training output:"; cat "$work/training.log" >&2
    fi
fi

echo "$stamp_text" > "$out/.openmargo-build"
say "image: $out ($(du -sh "$out" | cut -f1)); run $out/bin/openmargo-agent --help"

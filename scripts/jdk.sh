# Sourced by the project's scripts (.ci/run, quickstart.sh, jlink/build.sh, benchmarks/footprint/measure.sh):
# finding a JDK 21+ the same way everywhere.

# java_major JDK_HOME: the feature release of that JDK (21, 25, ...), empty when it has no working bin/java.
java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# pick_jdk [TOOL ...]: prints the first JDK 21+ among $JAVA_HOME, Temurin 25 and /usr/lib/jvm/* that has javac and
# every named tool in its bin/ (e.g. jlink jdeps); returns 1 when there is none.
pick_jdk() {
    local candidate tool
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        for tool in "$@"; do
            [ -x "$candidate/bin/$tool" ] || continue 2
        done
        if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

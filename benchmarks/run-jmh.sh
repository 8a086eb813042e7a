#!/usr/bin/env bash
# Runs the JMH benchmarks (all, or those matching the first argument) and writes JSON results to benchmarks/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests package
mkdir -p benchmarks/results
"$JAVA_HOME/bin/java" -jar benchmarks/target/benchmarks.jar "${1:-.*}" \
    -rf json -rff "benchmarks/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json" "${@:2}"

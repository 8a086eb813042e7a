#!/usr/bin/env bash
# The 304 poll with metrics off and on, alternating in one run (issue 15): each round starts a WFM with
# -Dwfm.observe.metrics.enabled=false, then one with =true, through run-poll-load.sh, and records the load average
# before each run. Prints one line per run and the medians and ratios at the end.
# Usage: benchmarks/run-metrics-ab.sh [ROUNDS] [driver options...]   (default 5 rounds; driver options as for
# run-poll-load.sh, default --seconds 10 --concurrency 8 --handshakes 300 --warmup 1000)
# WFM_CPUS and DRIVER_CPUS pin the WFM and the driver as for run-poll-load.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--seconds 10 --concurrency 8 --handshakes 300 --warmup 1000)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for round in $(seq 1 "$rounds"); do
    for metrics in false true; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        result=$(WFM_JAVA_OPTS="-Dwfm.observe.metrics.enabled=$metrics ${WFM_JAVA_OPTS:-}" \
            benchmarks/run-poll-load.sh "${args[@]}" 2>&1) || true # it exits with the stopped WFM's status
        keep=$(grep '^keep-alive 304' <<<"$result" | grep -o '[0-9.]* polls/s, server CPU [0-9.]* ms/poll')
        full=$(grep '^full handshake' <<<"$result" | sed -E 's/.*server CPU ([0-9.]+) ms\/poll.*/\1/')
        resumed=$(grep '^resumed session' <<<"$result" | sed -E 's/.*server CPU ([0-9.]+) ms\/poll.*/\1/')
        polls=$(awk '{print $1}' <<<"$keep")
        cpu=$(awk '{print $5}' <<<"$keep")
        printf 'round %d metrics=%-5s load %s: keep-alive %s polls/s, %s ms CPU/poll; full %s; resumed %s\n' \
            "$round" "$metrics" "$load" "$polls" "$cpu" "$full" "$resumed"
        echo "$metrics $polls $cpu $full $resumed $load" >>"$out"
    done
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "medians (metrics off -> on, ratio on/off):"
for col in 2:keep-alive-polls/s 3:keep-alive-cpu-ms/poll 4:full-handshake-cpu-ms/poll 5:resumed-cpu-ms/poll 6:load; do
    i=${col%%:*}
    name=${col#*:}
    off=$(awk -v c="$i" '$1=="false" {print $c}' "$out" | median)
    on=$(awk -v c="$i" '$1=="true" {print $c}' "$out" | median)
    awk -v n="$name" -v a="$off" -v b="$on" 'BEGIN {printf "  %-28s %10.3f -> %10.3f  (%.3f)\n", n, a, b, (a > 0 ? b / a : 0)}'
done

#!/bin/sh
# Recording stand-in for the Helm v3 CLI (upgrade --install, uninstall, status -o json).
# Logs every call to calls.log next to itself, keeps releases as files under releases/<ns>/<name>
# (line 1 status, line 2 chart version, line 3 revision), and obeys marker files next to itself:
#   hang          ignore SIGTERM and sleep (a stuck helm)
#   slow          sleep that many seconds first
#   fail-upgrade  print its content on stderr and exit 1 on upgrade
dir=$(dirname "$0")
{
  echo "--- call"
  printf 'cwd:%s\n' "$(pwd)"
  env | grep -E '^(KUBECONFIG|HELM_[A-Z_]*)=' | sort | sed 's/^/env:/'
  for a in "$@"; do printf 'arg:%s\n' "$a"; done
} >> "$dir/calls.log"

if [ -f "$dir/hang" ]; then trap '' TERM; sleep 60 & wait; fi
if [ -f "$dir/slow" ]; then sleep "$(cat "$dir/slow")"; fi

cmd=$1; shift
release=""; chart=""; version=""; ns=default; output=table
while [ $# -gt 0 ]; do
  case "$1" in
    --install|--create-namespace|--wait|--atomic|--debug) ;;
    --version) version=$2; shift ;;
    --namespace|-n) ns=$2; shift ;;
    -o|--output) output=$2; shift ;;
    --timeout|--set|--set-string|--set-json|--kubeconfig|--kube-context) shift ;;
    -*) echo "Error: unknown flag: $1" >&2; exit 1 ;;
    *) if [ -z "$release" ]; then release=$1; else chart=$1; fi ;;
  esac
  shift
done
file="$dir/releases/$ns/$release"

case "$cmd" in
  upgrade)
    if [ -f "$dir/fail-upgrade" ]; then cat "$dir/fail-upgrade" >&2; exit 1; fi
    rev=1
    if [ -f "$file" ]; then rev=$(( $(sed -n 3p "$file") + 1 )); fi
    mkdir -p "$dir/releases/$ns"
    printf '%s\n%s\n%s\n' deployed "$version" "$rev" > "$file"
    echo "Release \"$release\" has been upgraded. Happy Helming!"
    echo "NAME: $release"
    echo "NAMESPACE: $ns"
    echo "STATUS: deployed"
    echo "REVISION: $rev"
    ;;
  uninstall)
    if [ ! -f "$file" ]; then echo "Error: uninstall: Release not loaded: $release: release: not found" >&2; exit 1; fi
    rm "$file"
    echo "release \"$release\" uninstalled"
    ;;
  status)
    if [ ! -f "$file" ]; then echo "Error: release: not found" >&2; exit 1; fi
    status=$(sed -n 1p "$file"); version=$(sed -n 2p "$file"); rev=$(sed -n 3p "$file")
    printf '{"name":"%s","info":{"first_deployed":"2026-01-01T00:00:00Z","last_deployed":"2026-01-01T00:00:00Z","deleted":"","description":"Upgrade complete","status":"%s"},"chart":{"metadata":{"name":"chart","version":"%s","apiVersion":"v2"}},"config":{},"version":%s,"namespace":"%s"}\n' \
      "$release" "$status" "$version" "$rev" "$ns"
    ;;
  *) echo "Error: unknown command \"$cmd\" for \"helm\"" >&2; exit 1 ;;
esac

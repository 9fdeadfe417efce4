#!/usr/bin/env bash
# Cancellation acceptance (issue 15): start `verify` on a case folder with an external-solver case (the numpy example,
# one python process per run) and a built-in case, send SIGINT (or SIGTERM: $1) after DELAY seconds, and check
#   - exit code 130, within 2 s of the signal;
#   - no process left whose command line names the run's case folder or the example solver (ps);
#   - no summary.json / index.html / summary.md in the report folder (nothing that claims completeness).
# With a third argument "persistent" the external case is the W-L example in persistent mode (one python process
# serving the whole case over stdin/stdout): the same three checks, so that process must be gone too.
# Needs a Release build and python3 with numpy (the example solver). Usage: verification/cancel-test.sh [INT|TERM] [DELAY] [persistent]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
signal="${1:-INT}"; delay="${2:-6}"; mode="${3:-}"
dll="$root/src/ConvergenceSuite.Cli/bin/Release/net10.0/convergence-suite.dll"
[[ -f "$dll" ]] || { echo "build first: dotnet build ConvergenceSuite.sln -c Release" >&2; exit 2; }
/usr/bin/python3 -c 'import numpy' 2>/dev/null || { echo "cancel-test needs /usr/bin/python3 with numpy (the example external solver runs it); apt-get install python3-numpy" >&2; exit 2; }
work="$(mktemp -d /tmp/cs-cancel.XXXXXX)"
solver=sl_split_step
if [[ "$mode" == persistent ]]; then
  solver=wl_split_step
  cp "$root/verification/examples/wl-1d-n2-external-numpy.json" "$root/verification/examples/wl_split_step.py" "$work/"
else
  cp "$root/verification/examples/sl-1d-n2-external-numpy.json" "$root/verification/examples/sl_split_step.py" "$work/"
fi
cp "$root/verification/cases/sl-1d-n2-lemma41.json" "$work/"
sed -i 's#"\$schema": "[^"]*"#"$schema": "'"$root"'/verification/case.schema.json"#' "$work"/*.json
out="$work/report"
set -m  # job control: a background job of a script would otherwise ignore SIGINT
dotnet "$dll" verify --cases "$work" --out "$out" --jobs 2 > "$work/log" 2>&1 &
pid=$!
sleep "$delay"
echo "processes before the signal:"; ps -eo pid,ppid,etime,args | grep -E "$solver|$work" | grep -v grep || true
t0=$(date +%s.%N)
kill -s "$signal" "$pid"
set +e; wait "$pid"; code=$?; set -e
t1=$(date +%s.%N)
elapsed=$(echo "$t1 - $t0" | bc)
sleep 0.2
strays=$(ps -eo pid,args | grep -E "$solver|$work" | grep -v grep || true)
complete=$(ls "$out"/summary.json "$out"/index.html "$out"/summary.md 2>/dev/null || true)
echo "signal SIG$signal after ${delay} s: exit $code after ${elapsed} s"
echo "strays: ${strays:-none}"
echo "report files: ${complete:-none}"
tail -n 3 "$work/log"
ok=1
[[ $code -eq 130 ]] || { echo "FAIL: exit code $code, expected 130"; ok=0; }
(( $(echo "$elapsed < 2.0" | bc) )) || { echo "FAIL: took ${elapsed} s (> 2 s)"; ok=0; }
[[ -z "$strays" ]] || { echo "FAIL: stray processes"; ok=0; }
[[ -z "$complete" ]] || { echo "FAIL: a report that looks complete was left"; ok=0; }
[[ $ok -eq 1 ]] && rm -rf "$work" || echo "kept $work"
[[ $ok -eq 1 ]] && echo "cancel-test: PASS" || { echo "cancel-test: FAIL"; exit 1; }

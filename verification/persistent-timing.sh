#!/usr/bin/env bash
# Side-by-side wall time of persistent mode (CONTRACT.md, "Persistent mode"): the S-L example case reduced to its
# temporal-order study with a six-step dt ladder (0.1 … 0.003125; 7 solver runs with the case's own run), once with one
# python process per run and once with "persistent": true (sl_split_step.py --serve: python and numpy start once).
# Alternates the two ROUNDS times (default 3) and prints, per run, the case's wall time and the ladder's (the study's
# wall_seconds_total). Needs a Release build and /usr/bin/python3 with numpy. Usage: verification/persistent-timing.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
dll="$root/src/ConvergenceSuite.Cli/bin/Release/net10.0/convergence-suite.dll"
[[ -f "$dll" ]] || { echo "build first: dotnet build ConvergenceSuite.sln -c Release" >&2; exit 2; }
/usr/bin/python3 -c 'import numpy' 2>/dev/null || { echo "needs /usr/bin/python3 with numpy (apt-get install python3-numpy)" >&2; exit 2; }
work="$(mktemp -d /tmp/cs-persistent.XXXXXX)"
mkdir -p "$work/per-run" "$work/persistent"
/usr/bin/python3 - "$root" "$work" <<'PY'
import json, sys
root, work = sys.argv[1], sys.argv[2]
c = json.load(open(f"{root}/verification/examples/sl-1d-n2-external-numpy.json"))
del c["$schema"]
c["checks"] = [{"id": "temporal-order", "dts": [0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125], "window": [1.9, 2.1]}]
script = f"{root}/verification/examples/sl_split_step.py"
c["id"], c["external"]["command"] = "ladder-per-run", ["/usr/bin/python3", script]
json.dump(c, open(f"{work}/per-run/ladder.json", "w"))
c["id"], c["external"]["command"], c["external"]["persistent"] = "ladder-persistent", ["/usr/bin/python3", script, "--serve"], True
json.dump(c, open(f"{work}/persistent/ladder.json", "w"))
PY
for round in $(seq 1 "$rounds"); do
  for mode in per-run persistent; do
    dotnet "$dll" verify --cases "$work/$mode" --out "$work/report-$mode-$round" --jobs 1 > "$work/log-$mode-$round" 2>&1 \
      || { echo "the $mode run failed: $work/log-$mode-$round" >&2; exit 1; }
    /usr/bin/python3 - "$work/report-$mode-$round/summary.json" "$round" "$mode" <<'PY'
import json, sys
case = json.load(open(sys.argv[1]))["cases"][0]
check = case["checks"][0]
print(f"round {sys.argv[2]} {sys.argv[3]:>10}: case {case['elapsedSeconds']:6.2f} s, ladder {check['evidence']['wall_seconds_total']:6.2f} s, {check['verdict']}")
PY
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"

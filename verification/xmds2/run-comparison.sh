#!/usr/bin/env bash
# XMDS2 versus ConvergenceSuite, side by side in one invocation, on two problems where the time-stepping error is real
# (issue 16): the Lemma 4.1 packets (S-L, N = 2, 1-D, M = 256 on [-20, 20), K = 1, T = 12) with
#   (a) distinct potentials V1 = x^2/8, V2 = 0.18 x^2: error |z12(12) - z12_ref(12)|, reference kahanli6 at
#       dt = 12/12000 (cross-checked against XMDS2's ARK45 at its tightest tolerance; the agreement is printed);
#   (b) identical potentials V = x^2/8: wave-function error max_j ||psi_j(12) - psi_j_ref(12)|| against the exact
#       factorised reference (eigenbasis propagator of the same grid).
# XMDS2: sl_lemma41.xmds.in compiled with RK4 (interaction picture, fixed steps) at several step counts and ARK45
# (interaction picture, adaptive) at several tolerances; the potential V2 is a run-time argument, so one binary serves
# both problems. Each run: best of 3 wall times of the integration alone (clock read in filters around the integrate
# element, after set-up and FFTW planning). Then ConvergenceSuite's splitting schemes (the Benchmarks' "schemes" mode:
# all registered schemes at several dt, best of 3 after a warm-up, construction + stepping + reading) and the
# comparison: errors of the XMDS2 runs against the same references, the time each method needs for errors 1e-8 and
# 1e-11 by log-log interpolation of its work-precision curve, and the ratio (best built-in)/(best XMDS2).
# Writes reports/xmds2-comparison/{xmds2-runs.tsv, schemes.csv, work-precision.csv, ratios.tsv, *.png}.
# Usage: verification/xmds2/run-comparison.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mkdir -p "${1:-$root/reports/xmds2-comparison}" && cd "${1:-$root/reports/xmds2-comparison}" && pwd)"
template="$root/verification/xmds2/sl_lemma41.xmds.in"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! command -v xmds2 >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xmds2 >/dev/null
  else
    echo "xmds2 is not installed (Debian/Ubuntu: apt-get install xmds2)" >&2; exit 2
  fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/xmds2-states"
tsv="$out/xmds2-runs.tsv"
printf '# problem\tintegrator\tparameter\tvalue\tz0_re\tz0_im\tz12_re\tz12_im\tseconds\tstates\n' > "$tsv"
echo "load before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/load.txt" >&2

# compile ALGORITHM STEPPING_ATTRIBUTE NAME: one binary per integrator setting (both problems share it).
compile() {
  local dir="$work/$3"
  mkdir -p "$dir"
  sed -e "s/@ALGORITHM@/$1/" -e "s/@STEPPING@/$2/" "$template" > "$dir/sl_lemma41.xmds"
  (cd "$dir" && xmds2 sl_lemma41.xmds > build.log 2>&1) || { echo "xmds2 failed for $3; see the log below" >&2; cat "$dir/build.log" >&2; exit 1; }
}

# run_one NAME PROBLEM V2 INTEGRATOR PARAMETER VALUE: best of 3 integration times; states of the last run kept.
run_one() {
  local dir="$work/$1" best="" text z0 z12 secs states="$out/xmds2-states/$2-$1.txt"
  for _ in 1 2 3; do
    text="$(cd "$dir" && ./sl_lemma41 --v2="$3")"
    z0="$(grep '^z0 ' <<<"$text" | cut -d' ' -f2-3 | tr ' ' '\t')"
    z12="$(grep '^z12 ' <<<"$text" | cut -d' ' -f2-3 | tr ' ' '\t')"
    secs="$(grep '^seconds ' <<<"$text" | cut -d' ' -f2)"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best="$secs"; fi
  done
  grep '^psi ' <<<"$text" | cut -d' ' -f2- > "$states"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$4" "$5" "$6" "$z0" "$z12" "$best" "$states" >> "$tsv"
  echo "XMDS2 $2 $4 $5=$6: z12 $z12, ${best}s" >&2
}

steps_list="150 300 600 1200 2400 4800 9600"
tol_list="1e-6 1e-7 1e-8 1e-9 1e-10 1e-11 1e-12"
for steps in $steps_list; do compile RK4 "steps=\"$steps\"" "rk4-$steps"; done
for tol in $tol_list; do compile ARK45 "tolerance=\"$tol\"" "ark45-$tol"; done
echo "XMDS2 binaries compiled; timing" >&2
for problem in distinct-z12:0.18 identical-psi:0.125; do
  name="${problem%%:*}" v2="${problem##*:}"
  for steps in $steps_list; do run_one "rk4-$steps" "$name" "$v2" RK4IP steps "$steps"; done
  for tol in $tol_list; do run_one "ark45-$tol" "$name" "$v2" ARK45IP tolerance "$tol"; done
done

dotnet build "$root/verification/ConvergenceSuite.Benchmarks/ConvergenceSuite.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet "$root/verification/ConvergenceSuite.Benchmarks/bin/Release/net10.0/ConvergenceSuite.Benchmarks.dll" schemes --xmds "$tsv" --out "$out" | tee "$out/summary.txt"
echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt" >&2

#!/usr/bin/env bash
# XMDS2 versus ConvergenceSuite on the Lemma 4.1 acceptance case (S-L, N = 2, 1-D, M = 256, V = x^2/8, K = 1, t = 12):
# compiles sl_lemma41.xmds.in with XMDS2's RK4 (interaction picture, fixed steps) and ARK45 (interaction picture,
# adaptive tolerance) at several settings, runs each (best of 3 wall times of the integration, measured inside the
# simulation around the integrate element), then runs ConvergenceSuite's splitting schemes at several dt in the same
# invocation and writes reports/xmds2-comparison/{xmds2-runs.tsv, work-precision.csv, work-precision.png}.
# Usage: verification/xmds2/run-comparison.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/reports/xmds2-comparison}"
template="$root/verification/xmds2/sl_lemma41.xmds.in"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! command -v xmds2 >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xmds2 >/dev/null
  else
    echo "xmds2 is not installed (Debian/Ubuntu: apt-get install xmds2)" >&2; exit 2
  fi
fi
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tsv="$out/xmds2-runs.tsv"
printf '# integrator\tparameter\tvalue\tz0_re\tz0_im\tz12_re\tz12_im\tseconds\n' > "$tsv"

# run_one ALGORITHM STEPPING_ATTRIBUTE PARAMETER VALUE
run_one() {
  local dir="$work/$1-$3-$4"
  mkdir -p "$dir"
  sed -e "s/@ALGORITHM@/$1/" -e "s/@STEPPING@/$2/" "$template" > "$dir/sl_lemma41.xmds"
  (cd "$dir" && xmds2 sl_lemma41.xmds > build.log 2>&1) || { echo "xmds2 failed for $1 $3=$4; see $dir/build.log" >&2; cat "$dir/build.log" >&2; exit 1; }
  local best="" line z0 z12 secs
  for _ in 1 2 3; do
    line="$(cd "$dir" && ./sl_lemma41)"
    z0="$(grep '^z0 ' <<<"$line" | cut -d' ' -f2-3 | tr ' ' '\t')"
    z12="$(grep '^z12 ' <<<"$line" | cut -d' ' -f2-3 | tr ' ' '\t')"
    secs="$(grep '^seconds ' <<<"$line" | cut -d' ' -f2)"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best="$secs"; fi
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$3" "$4" "$z0" "$z12" "$best" >> "$tsv"
  echo "XMDS2 $1 $3=$4: z12 $z12, ${best}s" >&2
}

for steps in 150 300 600 1200 2400 4800 9600; do
  run_one RK4 "steps=\"$steps\"" steps "$steps"
done
for tol in 1e-5 1e-6 1e-7 1e-8 1e-9 1e-10 1e-11; do
  run_one ARK45 "tolerance=\"$tol\"" tolerance "$tol"
done

dotnet build "$root/verification/ConvergenceSuite.Benchmarks/ConvergenceSuite.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet "$root/verification/ConvergenceSuite.Benchmarks/bin/Release/net10.0/ConvergenceSuite.Benchmarks.dll" work-precision --xmds "$tsv" --out "$out"

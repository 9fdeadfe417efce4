#!/usr/bin/env bash
# Verify the built-in solvers: build in Release, run the selected tier of verification/cases with progress,
# print a summary table and write reports/<run>/ (index.html, summary.json, junit.xml).
# Options are passed to the verify verb: --case FILTER, --tier quick|full, --jobs N, --out DIR, --cases DIR.
# The claims ledger of the tier runs too (Claims page, claims.json): a statement of the PAPER found violated does not
# fail the run; an entry the ledger cannot evaluate does. --claims no skips the ledger.
# Exit code: 0 when every verdict passes, 1 when a check fails (the failing checks are named), 2 on bad usage.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# FFTW (speed) and DejaVu fonts (text in plots) are optional: without them the managed FFT runs and plots lose
# their labels. Install them when we can (root with apt-get), otherwise say what is missing.
missing=()
ldconfig -p 2>/dev/null | grep -q libfftw3.so.3 || [ -e /usr/lib/x86_64-linux-gnu/libfftw3.so.3 ] || missing+=(libfftw3-double3)
fc-list 2>/dev/null | grep -q "DejaVu Sans" || missing+=(fonts-dejavu-core fontconfig)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } \
      || echo "notice: could not install ${missing[*]}; continuing without" >&2
  else
    echo "notice: missing ${missing[*]} (apt-get install ${missing[*]}); continuing without" >&2
  fi
fi
dotnet build src/ConvergenceSuite.Cli/ConvergenceSuite.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null \
  || { echo "build failed; run: dotnet build src/ConvergenceSuite.Cli -c Release" >&2; exit 2; }
exec dotnet src/ConvergenceSuite.Cli/bin/Release/net10.0/convergence-suite.dll verify "$@"

#!/usr/bin/env bash
# Verify the built-in solvers: build in Release, run the selected tier of verification/cases with progress,
# print a summary table and write reports/<run>/ (index.html, summary.json, junit.xml).
# Options are passed to the verify verb: --case FILTER, --tier quick|full, --jobs N, --out DIR, --cases DIR,
# --shard i/n. --coverage first runs the test suite under coverlet and ReportGenerator (local tool manifest) and
# records line and branch coverage of src/ in the report (coverage/ beside index.html, and summary.json).
# The claims ledger of the tier runs too (Claims page, claims.json): a statement of the PAPER found violated does not
# fail the run; an entry the ledger cannot evaluate does. --claims no skips the ledger.
# Exit code: 0 when every verdict passes, 1 when a check fails (the failing checks are named) or, with --coverage,
# a test failed; 2 on bad usage or a bad case file.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# FFTW and OpenBLAS (speed) and DejaVu fonts (text in plots) are optional (numpy too, needed by the tests of --coverage): without them the managed FFT runs and plots lose
# their labels. Install them when we can (root with apt-get), otherwise say what is missing.
missing=()
ldconfig -p 2>/dev/null | grep -q libfftw3.so.3 || [ -e /usr/lib/x86_64-linux-gnu/libfftw3.so.3 ] || missing+=(libfftw3-double3)
ldconfig -p 2>/dev/null | grep -q libopenblas.so.0 || [ -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ] || missing+=(libopenblas0-serial)
fc-list 2>/dev/null | grep -q "DejaVu Sans" || missing+=(fonts-dejavu-core fontconfig)
# The full tier runs XMDS2 as a peer under test (verification/cases/xmds2/); without it those cases are Inconclusive.
case " $* " in *" --tier full "*|*" --tier=full "*) command -v xmds2 >/dev/null || missing+=(xmds2) ;; esac
# --coverage runs the test suite, whose external-solver tests run the numpy example under /usr/bin/python3.
case " $* " in *" --coverage "*) /usr/bin/python3 -c "import numpy" 2>/dev/null || missing+=(python3-numpy) ;; esac
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]}" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } \
      || echo "notice: could not install ${missing[*]}; continuing without" >&2
  else
    echo "notice: missing ${missing[*]} (apt-get install ${missing[*]}); continuing without" >&2
  fi
fi
coverage=0
args=()
for a in "$@"; do
  if [ "$a" = --coverage ]; then coverage=1; else args+=("$a"); fi
done
dotnet build src/ConvergenceSuite.Cli/ConvergenceSuite.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null \
  || { echo "build failed; run: dotnet build src/ConvergenceSuite.Cli -c Release" >&2; exit 2; }
if [ "$coverage" = 0 ]; then
  exec dotnet src/ConvergenceSuite.Cli/bin/Release/net10.0/convergence-suite.dll verify ${args[@]+"${args[@]}"}
fi

# --coverage: the test suite under coverlet (XPlat Code Coverage), merged by ReportGenerator into HtmlInline,
# TextSummary and Cobertura reports of src/; the verify verb copies them into reports/<run>/coverage/.
cov="TestResults/coverage-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$cov"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed (ReportGenerator, .config/dotnet-tools.json)" >&2; exit 2; }
echo "coverage: running the test suite under coverlet (Category!=Slow) into $cov" >&2
tests=0
dotnet test ConvergenceSuite.sln -c Release --filter "Category!=Slow" --collect "XPlat Code Coverage" --settings coverage.runsettings \
  --results-directory "$cov/raw" -nologo -v quiet >"$cov/test.log" 2>&1 || tests=$?
grep -E "^(Passed|Failed)!" "$cov/test.log" >&2 || true
[ "$tests" = 0 ] || echo "warning: the test suite failed during the coverage run (log: $cov/test.log); coverage is still reported" >&2
dotnet tool run reportgenerator "-reports:$cov/raw/*/coverage.cobertura.xml" "-targetdir:$cov/report" \
  "-reporttypes:HtmlInline;TextSummary;Cobertura" "-filefilters:+*/src/*;-*/obj/*" "-assemblyfilters:-StandInSolver;-*.Tests" \
  -verbosity:Warning >&2 || { echo "ReportGenerator failed" >&2; exit 2; }
status=0
dotnet src/ConvergenceSuite.Cli/bin/Release/net10.0/convergence-suite.dll verify --coverage-report "$cov/report" ${args[@]+"${args[@]}"} || status=$?
if [ "$status" = 0 ] && [ "$tests" != 0 ]; then status=1; fi
exit "$status"

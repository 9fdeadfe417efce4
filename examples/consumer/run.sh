#!/usr/bin/env bash
# Proves the packages as a user consumes them: packs ConvergenceSuite into a local folder feed, installs the
# convergence-suite tool from it, builds this folder (a user's solver and test project that reference the packages by
# version, not by project), verifies the solver through the tool with --solver-assembly, verifies a copy with a
# deliberate defect (which must fail, naming the checks), and runs its NUnit tests.
# Usage: examples/consumer/run.sh [WORK_DIR]   (default: artifacts/consumer under the repository; deleted first)
# Each run packs a fresh prerelease version (0.1.0-local.<timestamp>), so NuGet's global cache never serves an older
# build of the same version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$root/artifacts/consumer}
suffix="local.$(date -u +%Y%m%d%H%M%S)"
prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")
version="$prefix-$suffix"
rm -rf "$work"; mkdir -p "$work/feed"
work=$(cd "$work" && pwd)   # absolute: NuGet resolves a relative source against each project
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== packing ConvergenceSuite $version into $work/feed"
# With --no-build when the Release build is already there (as after .ci/run's tests): packing then takes seconds
# instead of a rebuild of every packable project (about a minute on 2 cores); the packages' version still carries the
# suffix. Without a build, or with CONSUMER_REBUILD=1, pack builds too (deterministic, path-normalised).
pack=(-p:ContinuousIntegrationBuild=true)
if [ "${CONSUMER_REBUILD:-0}" != 1 ] && [ -f "$root/src/ConvergenceSuite.Cli/bin/Release/net10.0/convergence-suite.dll" ]; then
  pack=(--no-build)
fi
dotnet pack "$root/ConvergenceSuite.sln" -c Release -o "$work/feed" --version-suffix "$suffix" \
  "${pack[@]}" -nologo -v quiet -clp:ErrorsOnly

echo "== installing the convergence-suite tool from the feed"
dotnet tool install convergence-suite --tool-path "$work/tool" --add-source "$work/feed" --version "$version" >/dev/null
"$work/tool/convergence-suite" --version

echo "== building the consumer against the packages"
build=(-c Release -p:ConvergenceSuiteVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed" -nologo -v quiet -clp:ErrorsOnly)
dotnet build "$here/Consumer.sln" "${build[@]}"

echo "== verifying the consumer's solver through the tool (--solver-assembly)"
"$work/tool/convergence-suite" verify --solver-assembly "$here/MySolver/bin/Release/net10.0/MySolver.dll" \
  --cases "$here/cases" --out "$work/reports"

echo "== the same solver with a deliberate defect (kinetic factor 1 for 1/2, i.e. -Δ for -½Δ) must fail"
# A copy of the solver with one character changed, built and verified like the original: the tool must exit 1 and name
# the checks that caught the defect. The example's own source stays correct.
broken="$work/broken"
mkdir -p "$broken"
cp -r "$here/Directory.Build.props" "$here/Directory.Packages.props" "$here/MySolver" "$here/cases" "$broken/"
rm -rf "$broken/MySolver/bin" "$broken/MySolver/obj"
sed -i 's|-0\.5 \* k \* k \* h / 2|-1.0 * k * k * h / 2|' "$broken/MySolver/NaiveStrangSolver.cs"
grep -q -- '-1.0 \* k \* k \* h / 2' "$broken/MySolver/NaiveStrangSolver.cs" || { echo "could not seed the defect into NaiveStrangSolver.cs" >&2; exit 1; }
dotnet build "$broken/MySolver/MySolver.csproj" "${build[@]}"
set +e
"$work/tool/convergence-suite" verify --solver-assembly "$broken/MySolver/bin/Release/net10.0/MySolver.dll" \
  --cases "$broken/cases" --out "$work/reports-broken" --quiet > "$work/broken.log" 2>&1
code=$?
set -e
sed -n '/failing checks:/,$p' "$work/broken.log"
if [ "$code" -ne 1 ] || ! grep -q "failing checks:" "$work/broken.log"; then
  cat "$work/broken.log" >&2
  echo "the defective solver was not caught (verify exited $code; expected 1 with the failing checks named)" >&2
  exit 1
fi
echo "the defect was caught (verify exit 1)"

echo "== the consumer's NUnit tests"
dotnet test "$here/Consumer.sln" "${build[@]}" --no-build --logger trx --results-directory "$work/test-results"

#!/usr/bin/python3
"""XMDS2 as an external solver under ConvergenceSuite's process contract (verification/examples/CONTRACT.md).

Reads the problem folder (problem.json and its .npy arrays), writes an XMDS2 script for the Schrödinger-Lohe system

    i ∂t ψ_j = −½Δψ_j + V_j ψ_j + (iK/2N) Σ_k ( (n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j ),
    n_j = ‖ψ_j(0)‖, z_kj = <ψ_k, ψ_j> = ∫ conj(ψ_k) ψ_j dV,

compiles it with xmds2 (the binary is cached by a hash of the script, so the runs of a dt ladder compile once per
step count and a repeated ladder not at all), runs it, and writes out/times.npy, out/z_re.npy, out/z_im.npy and,
when asked, out/states_re.npy, out/states_im.npy, plus out/solver.json.

The kinetic term is an XMDS2 interaction-picture operator ("ip"), so the integrators are XMDS2's own:
  scheme "rk4ip"          -> algorithm RK4 with the ip operator (RK4IP), fixed steps of the problem's dt;
  scheme "ark45"          -> algorithm ARK45 (adaptive, embedded 4th/5th order, ip operator), tolerance 1e-10;
  scheme "ark45-TOL"      -> the same with tolerance TOL (e.g. "ark45-1e-8"); the problem's dt is the initial step.
The grid (the box [−L/2, L/2) with M points per axis), the potentials, the initial states and the norms n_j are read
at run time from a binary file written here, so the script (and the compiled binary) depend only on N, the grid
shape, K, the scheme and the step counts.

Anything else is answered with out/unsupported.txt (the contract's capability answer): another model, d > 3, another
scheme name, or xmds2 not installed.

Usage: sl_xmds2.py PROBLEM_FOLDER       (the harness appends the folder)
Environment: CONVERGENCESUITE_XMDS2_CACHE (default ~/.cache/convergence-suite/xmds2) holds the compiled binaries.
Exit codes: 0 success or an unsupported problem, 2 unsupported contract, 3 bad problem folder, 4 xmds2 failed.
"""
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

CONTRACT = "convergence-suite-external-solver/1"
DEFAULT_TOLERANCE = 1e-10     # ARK45's tolerance when the scheme name gives none
TIME_TOLERANCE = 1e-9         # sample times must be multiples of dt to this relative accuracy (as the contract)
AXIS_TOLERANCE = 1e-12        # the harness's axis coordinates must be XMDS2's lattice x_i = −L/2 + i L/M to this (relative to L)
DIMENSION_NAMES = ("x", "y", "w")
INPUT_FILE = "cs_input.bin"
SCRIPT_NAME = "cs_sl"


def load(folder, name):
    a = np.load(os.path.join(folder, name))
    if a.dtype != np.float64 or a.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D float64 array, got {a.dtype} with shape {a.shape}")
    return a


def save(folder, name, values):
    np.save(os.path.join(folder, name), np.ascontiguousarray(values, dtype="<f8").ravel())


def unsupported(out, reason):
    with open(os.path.join(out, "unsupported.txt"), "w", encoding="utf-8") as f:
        f.write(reason + "\n")
    return 0


def parse_scheme(scheme):
    """('RK4', None) for rk4ip, ('ARK45', tolerance) for ark45[-TOL], None otherwise."""
    if scheme == "rk4ip":
        return "RK4", None
    if scheme == "ark45":
        return "ARK45", DEFAULT_TOLERANCE
    if scheme.startswith("ark45-"):
        try:
            tolerance = float(scheme[len("ark45-"):])
        except ValueError:
            return None
        if tolerance > 0 and math.isfinite(tolerance):
            return "ARK45", tolerance
    return None


def segments(times, dt):
    """Groups the sample intervals into (steps, samples) integrate elements: consecutive equal intervals share one.
    The first sample is XMDS2's initial sample when it is at t = 0."""
    counts = []
    for t in times:
        k = round(t / dt)
        if abs(k * dt - t) > TIME_TOLERANCE * max(1.0, abs(t)):
            raise ValueError(f"sample time {t!r} is not a multiple of dt = {dt!r}")
        counts.append(k)
    if counts[0] < 0:
        raise ValueError(f"the first sample time is {times[0]!r}, before t = 0")
    groups = []
    # t = 0 is XMDS2's initial sample when it is asked for; a study may ask for later times only (e.g. [T]).
    for a, b in zip([0] + counts, counts) if counts[0] > 0 else zip(counts, counts[1:]):
        if b <= a:
            raise ValueError("sample times must increase")
        if groups and groups[-1][0] == b - a:
            groups[-1][1] += 1
        else:
            groups.append([b - a, 1])
    return [(per * samples, samples) for per, samples in groups]


def script(n, shape, lengths, coupling, algorithm, tolerance, groups, store_states, initial_sample):
    """The XMDS2 simulation (text). Data are read at run time from INPUT_FILE (see write_input)."""
    d = len(shape)
    names = DIMENSION_NAMES[:d]
    m_total = int(np.prod(shape))
    dims = "\n".join(
        f'      <dimension name="{x}" lattice="{m}" domain="({-l / 2!r}, {l / 2!r})" />' for x, m, l in zip(names, shape, lengths))
    # Flat row-major index of the lattice point from its coordinates (x_i = −L/2 + i L/M).
    index_terms = " + ".join(
        f"lround(({x} + {l / 2!r}) / {l / m!r}) * {int(np.prod(shape[a + 1:]))}L" for a, (x, m, l) in enumerate(zip(names, shape, lengths)))
    psi = [f"psi{j}" for j in range(1, n + 1)]
    pots = [f"V{j}" for j in range(1, n + 1)]
    ov = {(k, j): f"ov{k}_{j}" for k in range(1, n + 1) for j in range(1, n + 1)}  # ov k_j = conj(psi_k) psi_j -> z_kj
    k2 = " + ".join(f"k{x}*k{x}" for x in names)
    pot_init = "\n".join(f"        V{j} = csData[{j - 1}L * {m_total}L + _i];" for j in range(1, n + 1))
    psi_init = "\n".join(
        f"        psi{j} = csData[{(n + j - 1)}L * {m_total}L + _i] + i * csData[{(2 * n + j - 1)}L * {m_total}L + _i];"
        for j in range(1, n + 1))
    ov_eval = "\n".join(f"        {ov[k, j]} = conj(psi{k}) * psi{j};" for k in range(1, n + 1) for j in range(1, n + 1))
    c = coupling / (2 * n)
    rhs = []
    for j in range(1, n + 1):
        mix = " + ".join(f"csRatio[{j - 1}][{k - 1}] * psi{k}" for k in range(1, n + 1))
        diag = " + ".join(f"csInverse[{j - 1}][{k - 1}] * {ov[k, j]}" for k in range(1, n + 1))
        rhs.append(f"          dpsi{j}_dt = T[psi{j}] - i * V{j} * psi{j} + {c!r} * (({mix}) - ({diag}) * psi{j});")
    sampling_counts = lambda s: f"{s} {s}" if store_states else f"{s}"
    integrates = []
    for steps, samples in groups:
        attributes = f'steps="{steps}"' if algorithm == "RK4" else f'tolerance="{tolerance!r}" steps="{steps}"'
        integrates.append(f"""    <integrate algorithm="{algorithm}" interval="{steps}.0 * csDt" {attributes}>
      <samples>{sampling_counts(samples)}</samples>
      <operators>
        <operator kind="ip" type="imaginary">
          <operator_names>T</operator_names>
          <![CDATA[
          T = -i * 0.5 * ({k2});
          ]]>
        </operator>
        <integration_vectors>wavefunction</integration_vectors>
        <dependencies>potential overlaps</dependencies>
        <![CDATA[
{chr(10).join(rhs)}
        ]]>
      </operators>
    </integrate>""")
    z_moments = " ".join(f"zr{j}_{k} zi{j}_{k}" for j in range(1, n + 1) for k in range(1, n + 1))
    # z_jk = <psi_j, psi_k> = ov j_k
    z_code = "\n".join(f"        zr{j}_{k} = Re({ov[j, k]}); zi{j}_{k} = Im({ov[j, k]});" for j in range(1, n + 1) for k in range(1, n + 1))
    state_group = ""
    if store_states:
        state_moments = " ".join(f"pr{j} pi{j}" for j in range(1, n + 1))
        state_code = "\n".join(f"        pr{j} = Re(psi{j}); pi{j} = Im(psi{j});" for j in range(1, n + 1))
        state_group = f"""
    <sampling_group basis="{' '.join(names)}" initial_sample="{initial_sample}">
      <moments>{state_moments}</moments>
      <dependencies>wavefunction</dependencies>
      <![CDATA[
{state_code}
      ]]>
    </sampling_group>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by ConvergenceSuite verification/xmds2/sl_xmds2.py: Schrodinger-Lohe, N = {n}, d = {d}, {algorithm} (ip). -->
<simulation xmds-version="2">
  <name>{SCRIPT_NAME}</name>
  <author>ConvergenceSuite verification/xmds2/sl_xmds2.py</author>
  <description>Schrodinger-Lohe system under the ConvergenceSuite process contract.</description>
  <features>
    <auto_vectorise />
    <fftw plan="estimate" />
    <validation kind="run-time" />
    <arguments>
      <argument name="csDt" type="real" default_value="0.01" />
    </arguments>
    <globals>
      <![CDATA[
        // Potentials, initial states and norms, read from {INPUT_FILE} (little-endian float64):
        // V_j ({n}x{m_total}), Re psi_j(0) ({n}x{m_total}), Im psi_j(0) ({n}x{m_total}), n_j ({n}).
        static double *csData = NULL;
        static double csRatio[{n}][{n}], csInverse[{n}][{n}];
        static struct timespec csWallStart;
        static void csLoad()
        {{
          if (csData) return;
          const long count = {3 * n * m_total + n}L;
          csData = (double*) malloc(count * sizeof(double));
          FILE *f = fopen("{INPUT_FILE}", "rb");
          if (!f || fread(csData, sizeof(double), count, f) != (size_t) count) {{ fprintf(stderr, "cannot read {INPUT_FILE}\\n"); exit(5); }}
          fclose(f);
          const double *norm = csData + {3 * n * m_total}L;
          for (int j = 0; j < {n}; j++)
            for (int k = 0; k < {n}; k++) {{ csRatio[j][k] = norm[j] / norm[k]; csInverse[j][k] = 1.0 / (norm[j] * norm[k]); }}
        }}
      ]]>
    </globals>
  </features>

  <geometry>
    <propagation_dimension> t </propagation_dimension>
    <transverse_dimensions>
{dims}
    </transverse_dimensions>
  </geometry>

  <vector name="potential" initial_basis="{' '.join(names)}" type="real">
    <components> {' '.join(pots)} </components>
    <initialisation>
      <![CDATA[
        csLoad();
        const long _i = {index_terms};
{pot_init}
      ]]>
    </initialisation>
  </vector>

  <vector name="wavefunction" initial_basis="{' '.join(names)}" type="complex">
    <components> {' '.join(psi)} </components>
    <initialisation>
      <![CDATA[
        csLoad();
        const long _i = {index_terms};
{psi_init}
      ]]>
    </initialisation>
  </vector>

  <computed_vector name="overlaps" dimensions="" type="complex">
    <components> {' '.join(ov.values())} </components>
    <evaluation>
      <dependencies basis="{' '.join(names)}">wavefunction</dependencies>
      <![CDATA[
{ov_eval}
      ]]>
    </evaluation>
  </computed_vector>

  <sequence>
    <filter name="start_clock">
      <![CDATA[
        clock_gettime(CLOCK_MONOTONIC, &csWallStart);
      ]]>
    </filter>
{chr(10).join(integrates)}
    <filter name="stop_clock">
      <![CDATA[
        struct timespec csWallEnd;
        clock_gettime(CLOCK_MONOTONIC, &csWallEnd);
        printf("integration_seconds %.9f\\n", (csWallEnd.tv_sec - csWallStart.tv_sec) + 1e-9 * (csWallEnd.tv_nsec - csWallStart.tv_nsec));
      ]]>
    </filter>
  </sequence>

  <output format="hdf5" filename="{SCRIPT_NAME}.xsil">
    <sampling_group initial_sample="{initial_sample}">
      <moments>{z_moments}</moments>
      <dependencies>overlaps</dependencies>
      <![CDATA[
{z_code}
      ]]>
    </sampling_group>{state_group}
  </output>
</simulation>
"""


def xmds2_version(xmds2):
    try:
        return subprocess.run([xmds2, "--version"], capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def compiled(xmds2, text, version):
    """Path of the compiled binary for this script, compiling it into the cache when it is not there yet."""
    cache = os.environ.get("CONVERGENCESUITE_XMDS2_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "convergence-suite", "xmds2")
    key = hashlib.sha256((version + "\n" + text).encode("utf-8")).hexdigest()[:24]
    final = os.path.join(cache, key)
    binary = os.path.join(final, SCRIPT_NAME)
    if os.path.isfile(binary):
        return binary, True
    os.makedirs(cache, exist_ok=True)
    work = tempfile.mkdtemp(prefix=key + ".", dir=cache)
    try:
        with open(os.path.join(work, SCRIPT_NAME + ".xmds"), "w", encoding="utf-8") as f:
            f.write(text)
        build = subprocess.run([xmds2, SCRIPT_NAME + ".xmds"], cwd=work, capture_output=True, text=True)
        if build.returncode != 0 or not os.path.isfile(os.path.join(work, SCRIPT_NAME)):
            raise RuntimeError(f"xmds2 failed (status {build.returncode}):\n{(build.stdout + build.stderr)[-3000:]}")
        try:
            os.rename(work, final)   # atomic: a concurrent compile of the same script loses the race harmlessly
            work = None
        except OSError:
            if not os.path.isfile(binary):
                raise
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return binary, False


def main(folder):
    with open(os.path.join(folder, "problem.json"), encoding="utf-8") as f:
        problem = json.load(f)
    if problem.get("contract") != CONTRACT:
        print(f"unsupported contract {problem.get('contract')!r}", file=sys.stderr)
        return 2
    out = os.path.join(folder, problem.get("output", "out"))
    os.makedirs(out, exist_ok=True)
    if problem.get("model") != "schrodinger-lohe":
        return unsupported(out, f"sl_xmds2.py solves Schrödinger-Lohe problems only, not {problem.get('model')}")
    parsed = parse_scheme(problem["scheme"])
    if parsed is None:
        return unsupported(out, f"sl_xmds2.py runs XMDS2's rk4ip (RK4, interaction picture) and ark45[-TOL] (ARK45), not {problem['scheme']}")
    shape = tuple(int(m) for m in problem["grid"]["points"])
    lengths = [float(v) for v in problem["grid"]["lengths"]]
    if not 1 <= len(shape) <= len(DIMENSION_NAMES):
        return unsupported(out, f"sl_xmds2.py handles dimensions 1 to {len(DIMENSION_NAMES)}, not {len(shape)}")
    xmds2 = shutil.which("xmds2")
    if xmds2 is None:
        return unsupported(out, "xmds2 is not installed (Debian/Ubuntu: apt-get install xmds2)")
    algorithm, tolerance = parsed
    n = int(problem["oscillators"])
    coupling = float(problem["coupling"])
    dt = float(problem["dt"])
    times = [float(t) for t in problem["sampleTimes"]]
    store_states = bool(problem["storeStates"])
    cell = float(np.prod([l / m for l, m in zip(lengths, shape)]))
    for a, (axis, m, l) in enumerate(zip(problem["grid"]["axes"], shape, lengths)):
        x = load(folder, axis)
        if x.size != m or np.max(np.abs(x - (-l / 2 + np.arange(m) * l / m))) > AXIS_TOLERANCE * l:
            print(f"{axis}: axis {a} is not the lattice -L/2 + i L/M of XMDS2's domain (-L/2, L/2)", file=sys.stderr)
            return 3
    try:
        groups = segments(times, dt)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 3

    m_total = int(np.prod(shape))
    potentials = [load(folder, v) for v in problem["potentials"]]
    re = [load(folder, s["re"]) for s in problem["initial"]]
    im = [load(folder, s["im"]) for s in problem["initial"]]
    if any(a.size != m_total for a in potentials + re + im) or len(potentials) != n or len(re) != n:
        print("potentials and initial states must hold one value per grid point for each of the N oscillators", file=sys.stderr)
        return 3
    norms = [math.sqrt(float(np.sum(r * r + s * s)) * cell) for r, s in zip(re, im)]
    initial_sample = "yes" if round(times[0] / dt) == 0 else "no"
    text = script(n, shape, lengths, coupling, algorithm, tolerance, groups, store_states, initial_sample)
    version = xmds2_version(xmds2)
    try:
        binary, cached = compiled(xmds2, text, version)
    except RuntimeError as e:
        print(str(e), file=sys.stderr)
        return 4
    run_dir = os.path.join(folder, "xmds2-run")
    os.makedirs(run_dir, exist_ok=True)
    np.concatenate(potentials + re + im + [np.array(norms)]).astype("<f8").tofile(os.path.join(run_dir, INPUT_FILE))
    with open(os.path.join(run_dir, SCRIPT_NAME + ".xmds"), "w", encoding="utf-8") as f:
        f.write(text)   # for reading while debugging (CONVERGENCESUITE_KEEP_EXTERNAL=1)
    run = subprocess.run([binary, f"--csDt={dt!r}"], cwd=run_dir, capture_output=True, text=True)
    if run.returncode != 0:
        print(f"the XMDS2 simulation failed (status {run.returncode}):\n{(run.stdout + run.stderr)[-3000:]}", file=sys.stderr)
        return 4

    import h5py  # Debian's xmds2 depends on python3-h5py
    with h5py.File(os.path.join(run_dir, SCRIPT_NAME + ".h5"), "r") as h5:
        z_group = h5["1"]
        samples = len(times)
        # XMDS2 drops the t dimension of a group that holds a single sample.
        t = np.atleast_1d(np.asarray(z_group["t"])) if "t" in z_group else np.array([times[-1]] if samples == 1 else [])
        if t.size != samples:
            print(f"XMDS2 wrote {t.size} samples; the problem asks for {samples}", file=sys.stderr)
            return 4
        z = np.empty((samples, n, n), dtype=np.complex128)
        for j in range(1, n + 1):
            for k in range(1, n + 1):
                z[:, j - 1, k - 1] = np.atleast_1d(np.asarray(z_group[f"zr{j}_{k}"]) + 1j * np.asarray(z_group[f"zi{j}_{k}"]))
        states = None
        if store_states:
            s_group = h5["2"]
            states = np.empty((samples, n, m_total), dtype=np.complex128)
            for j in range(1, n + 1):
                # XMDS2 stores a moment with shape (t, x, y, ...) in the dimension order of the geometry: row-major
                # with the last axis fastest, as the contract's flat grid index.
                states[:, j - 1, :] = (np.asarray(s_group[f"pr{j}"]) + 1j * np.asarray(s_group[f"pi{j}"])).reshape(samples, m_total)
    seconds = next((float(line.split()[1]) for line in run.stdout.splitlines() if line.startswith("integration_seconds ")), float("nan"))
    # XMDS2's sample times are its own (accumulated steps); the contract wants the requested ones, which t matches to
    # round-off, so report the requested times after checking them.
    if np.max(np.abs(t - np.array(times))) > TIME_TOLERANCE * max(1.0, times[-1]):
        print(f"XMDS2 sampled at {t.tolist()}, not at {times}", file=sys.stderr)
        return 4
    save(out, "times.npy", np.array(times))
    save(out, "z_re.npy", z.real)
    save(out, "z_im.npy", z.imag)
    if states is not None:
        save(out, "states_re.npy", states.real)
        save(out, "states_im.npy", states.imag)
    with open(os.path.join(out, "solver.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "xmds2", "version": (version.replace("xmds2 version ", "").split() or ["unknown"])[0],
                   "scheme": problem["scheme"],
                   "backend": f"{algorithm} (interaction picture){'' if tolerance is None else f', tolerance {tolerance:g}'}; "
                              f"binary {'cached' if cached else 'compiled'}; integration {seconds:.4g} s"}, f)
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: sl_xmds2.py PROBLEM_FOLDER", file=sys.stderr)
        sys.exit(3)
    sys.exit(main(sys.argv[-1]))

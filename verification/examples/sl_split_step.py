#!/usr/bin/env python3
"""Example external solver for ConvergenceSuite (contract: CONTRACT.md beside this file).

A split-step Fourier solver for the Schrödinger-Lohe system in its general form (MATH.md),

    i ∂t ψ_j = −½Δψ_j + V_j ψ_j + (iK/2N) Σ_k ( (n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j ),
    n_j = ‖ψ_j‖ (conserved), z_kj = <ψ_k, ψ_j> = Σ conj(ψ_k) ψ_j dV,

on the periodic box of the problem folder, written with numpy only and independently of the C# solver:

  * kinetic part  e^{−i|k|²τ/2} in Fourier space (numpy.fft, exact);
  * potential part e^{−iV_j τ} pointwise (exact);
  * coupling part dψ_j/dt = (K/2N) Σ_k ((n_j/n_k) ψ_k − z_kj/(n_j n_k) ψ_j), integrated with classical RK4 in
    sub-steps with K·h ≤ 0.002 (local error ≈ (K h)⁵/120 ≈ 3e-16, far below the splitting error).

Schemes: "strang" (C/2 V/2 T V/2 C/2, order 2) and "lie" (C V T, order 1).

Usage: python3 sl_split_step.py PROBLEM_FOLDER     (the harness appends the folder)
       python3 sl_split_step.py --serve             (persistent mode, CONTRACT.md: one problem folder per line on
                                                     stdin, answered "done" or "error MESSAGE" on stdout)
Exit codes: 0 success (or an unsupported problem answered in out/unsupported.txt), 2 unsupported contract, 3 bad
problem folder.
"""
import json
import math
import os
import sys

import numpy as np

MAX_COUPLING_SUBSTEP = 0.002  # largest K·h of one RK4 sub-step of the coupling flow
TIME_TOLERANCE = 1e-9         # sample times must be multiples of dt to this relative accuracy


def load(folder, name):
    a = np.load(os.path.join(folder, name))
    if a.dtype != np.float64 or a.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D float64 array, got {a.dtype} with shape {a.shape}")
    return a


def save(folder, name, values):
    np.save(os.path.join(folder, name), np.ascontiguousarray(values, dtype="<f8").ravel())


def main(folder):
    with open(os.path.join(folder, "problem.json"), encoding="utf-8") as f:
        problem = json.load(f)
    if problem.get("contract") != "convergence-suite-external-solver/1":
        print(f"unsupported contract {problem.get('contract')!r}", file=sys.stderr)
        return 2
    # The capability answer (CONTRACT.md): a problem this solver does not do is answered with out/unsupported.txt and
    # exit 0, so the harness reports it as Inconclusive with the reason instead of as a failure of the solver.
    reason = None
    if problem["model"] != "schrodinger-lohe":
        reason = f"sl_split_step.py solves Schrödinger-Lohe problems only, not {problem['model']}"
    elif problem["scheme"] not in ("strang", "lie"):
        reason = f"sl_split_step.py implements strang and lie, not {problem['scheme']}"
    if reason is not None:
        with open(os.path.join(folder, problem["output"], "unsupported.txt"), "w", encoding="utf-8") as f:
            f.write(reason + "\n")
        return 0
    scheme = problem["scheme"]

    shape = tuple(int(m) for m in problem["grid"]["points"])
    lengths = [float(l) for l in problem["grid"]["lengths"]]
    n = int(problem["oscillators"])
    coupling = float(problem["coupling"])
    dt = float(problem["dt"])
    times = [float(t) for t in problem["sampleTimes"]]
    cell = float(np.prod([l / m for l, m in zip(lengths, shape)]))

    psi = np.empty((n,) + shape, dtype=np.complex128)
    for j, files in enumerate(problem["initial"]):
        psi[j] = (load(folder, files["re"]) + 1j * load(folder, files["im"])).reshape(shape)
    potentials = np.stack([load(folder, v).reshape(shape) for v in problem["potentials"]])
    norms = np.sqrt(np.sum(np.abs(psi.reshape(n, -1)) ** 2, axis=1) * cell)

    k_axes = [2 * math.pi * np.fft.fftfreq(m, d=l / m) for m, l in zip(shape, lengths)]
    k2 = sum(k ** 2 for k in np.meshgrid(*k_axes, indexing="ij"))
    axes = tuple(range(1, len(shape) + 1))
    ratio = np.outer(norms, 1 / norms)          # n_j / n_k
    inverse = np.outer(1 / norms, 1 / norms)    # 1 / (n_j n_k)

    def kinetic(state, tau):
        return np.fft.ifftn(np.exp(-0.5j * k2 * tau) * np.fft.fftn(state, axes=axes), axes=axes)

    def potential(state, tau):
        return np.exp(-1j * potentials * tau) * state

    def coupling_rhs(state):
        flat = state.reshape(n, -1)
        z = np.conj(flat) @ flat.T * cell                 # z[k, j] = <ψ_k, ψ_j>
        d = np.sum(z * inverse, axis=0)                   # d_j = Σ_k z_kj / (n_j n_k)
        return (coupling / (2 * n)) * (ratio @ flat - d[:, None] * flat).reshape(state.shape)

    def couple(state, tau):
        if coupling == 0 or tau == 0:
            return state
        steps = max(1, math.ceil(abs(coupling * tau) / MAX_COUPLING_SUBSTEP))
        h = tau / steps
        for _ in range(steps):
            k1 = coupling_rhs(state)
            k2_ = coupling_rhs(state + 0.5 * h * k1)
            k3 = coupling_rhs(state + 0.5 * h * k2_)
            k4 = coupling_rhs(state + h * k3)
            state = state + (h / 6) * (k1 + 2 * k2_ + 2 * k3 + k4)
        return state

    def step(state):
        if scheme == "lie":
            return kinetic(potential(couple(state, dt), dt), dt)
        state = couple(state, dt / 2)
        state = potential(state, dt / 2)
        state = kinetic(state, dt)
        state = potential(state, dt / 2)
        return couple(state, dt / 2)

    targets = []
    for t in times:
        k = round(t / dt)
        if abs(k * dt - t) > TIME_TOLERANCE * max(1.0, abs(t)):
            print(f"sample time {t!r} is not a multiple of dt = {dt!r}", file=sys.stderr)
            return 3
        targets.append(k)

    out = os.path.join(folder, problem.get("output", "out"))
    os.makedirs(out, exist_ok=True)
    z_all = np.empty((len(times), n, n), dtype=np.complex128)
    states = np.empty((len(times), n) + shape, dtype=np.complex128) if problem["storeStates"] else None
    done = 0
    for s, k in enumerate(targets):
        while done < k:
            psi = step(psi)
            done += 1
        flat = psi.reshape(n, -1)
        z_all[s] = np.conj(flat) @ flat.T * cell          # z[j, k] = <ψ_j, ψ_k>
        if states is not None:
            states[s] = psi

    save(out, "times.npy", np.array(times))
    save(out, "z_re.npy", z_all.real)
    save(out, "z_im.npy", z_all.imag)
    if states is not None:
        save(out, "states_re.npy", states.real)
        save(out, "states_im.npy", states.imag)
    with open(os.path.join(out, "solver.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "numpy-split-step", "scheme": scheme, "backend": f"numpy {np.__version__}"}, f)
    return 0


def serve():
    """Persistent mode: python and numpy start once; every problem of a ladder is one line on stdin and one answer."""
    for line in sys.stdin:
        folder = line.rstrip("\n")
        if not folder:
            continue
        try:
            code = main(folder)
            answer = "done" if code == 0 else f"error exit status {code}"
        except Exception as e:  # every problem gets an answer; the process keeps serving
            answer = f"error {type(e).__name__}: {e}"
        print(answer.replace("\n", " "), flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: sl_split_step.py PROBLEM_FOLDER | --serve", file=sys.stderr)
        sys.exit(3)
    if sys.argv[1] == "--serve":
        sys.exit(serve())
    sys.exit(main(sys.argv[-1]))

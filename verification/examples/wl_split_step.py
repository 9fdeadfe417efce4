#!/usr/bin/env python3
"""Example external Wigner-Lohe solver for ConvergenceSuite (contract: CONTRACT.md, "Wigner-Lohe problems").

Solves the Wigner-Lohe system in its complex form (the paper, Section 3, the equation before (13)),

    ∂t w_jk + p·∇x w_jk + Θ[V] w_jk = (K/2N) Σ_l ( w_jl + w_lk − (z_jl + z_lk) w_jk ),   z_jk = ∫∫ w_jk dx dp,
    Θ[V](w)(x,p) = −i (2π)^{−d} ∫∫ e^{i(p−p')·y} ( V(x + y/2) − V(x − y/2) ) w(x,p') dp' dy,

on the periodic phase-space grid of the problem folder, written with numpy only from these equations (not from the
C# solver). The three parts of the right-hand side are solved one at a time:

  * transport  ∂t w = −p·∇x w: in Fourier space along x, ŵ(k,p) ← e^{−i k·p τ} ŵ(k,p) (exact);
  * Θ[V]       ∂t w = −Θ[V] w: in Fourier space along p (the displacement y dual to p), where Θ[V] is the
               multiplication by −i δV(x,y), δV = V(x + y/2) − V(x − y/2), so u(x,y) ← e^{i δV τ} u(x,y) (exact;
               V(x ± y/2) is read from the potential on the half-step grid the harness writes);
  * coupling   the right-hand side above. With z held fixed it is linear in w and the same at every phase-space
               point, and z = ∫∫ w obeys the same equation; so over a sub-step it is one linear map M of N×N
               matrices, found by integrating dM/dt = L(z) M and dz/dt = L(z) z (z from the fields at the
               start) with classical RK4 in sub-steps with K·h ≤ 0.002 (local error ≈ (K h)⁵/120 ≈ 3e-16), then
               applied to the fields once.

At the Nyquist index of k (or y) the grid point stands for both ±k_max (±L/2); there the two phases are averaged (a
cosine), so that real fields stay real.

Schemes: "lie" (C V T, order 1), "strang" (C/2 V/2 T V/2 C/2, order 2) and "yoshida4" (Yoshida's triple jump of
Strang, order 4), with C = coupling, V = Θ[V], T = transport.

Usage: python3 wl_split_step.py PROBLEM_FOLDER   (the harness appends the folder)
       python3 wl_split_step.py --serve          (persistent mode: one problem folder per line on stdin)
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
CONTRACT = "convergence-suite-external-solver/1"

# The sign of the transport term p·∇x w. +1 is the Wigner-Lohe equation; the test project flips it (a deliberately
# broken solver) to show which checks catch a wrong transport direction.
TRANSPORT_SIGN = 1.0


def load(folder, name):
    a = np.load(os.path.join(folder, name))
    if a.dtype != np.float64 or a.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D float64 array, got {a.dtype} with shape {a.shape}")
    return a


def save(folder, name, values):
    np.save(os.path.join(folder, name), np.ascontiguousarray(values, dtype="<f8").ravel())


def yoshida_weights():
    w1 = 1.0 / (2.0 - 2.0 ** (1.0 / 3.0))
    return [w1, 1.0 - 2.0 * w1, w1]


def main(folder):
    with open(os.path.join(folder, "problem.json"), encoding="utf-8") as f:
        problem = json.load(f)
    if problem.get("contract") != CONTRACT:
        print(f"unsupported contract {problem.get('contract')!r}", file=sys.stderr)
        return 2
    out = os.path.join(folder, problem.get("output", "out"))
    reason = None
    if problem["model"] != "wigner-lohe":
        reason = f"wl_split_step.py solves Wigner-Lohe problems only, not {problem['model']}"
    elif problem["scheme"] not in ("lie", "strang", "yoshida4"):
        reason = f"wl_split_step.py implements lie, strang and yoshida4, not {problem['scheme']}"
    if reason is not None:
        with open(os.path.join(out, "unsupported.txt"), "w", encoding="utf-8") as f:
            f.write(reason + "\n")
        return 0

    scheme = problem["scheme"]
    d = int(problem["dimension"])
    sizes = tuple(int(m) for m in problem["grid"]["points"])
    lengths = [float(l) for l in problem["grid"]["lengths"]]
    n = int(problem["oscillators"])
    coupling = float(problem["coupling"])
    dt = float(problem["dt"])
    times = [float(t) for t in problem["sampleTimes"]]
    dx = [l / m for l, m in zip(lengths, sizes)]
    dp = [2 * math.pi / l for l in lengths]
    cell = float(np.prod(dx) * np.prod(dp))          # quadrature weight of ∫∫ dx dp
    shape = sizes + sizes                             # (x_1..x_d, p_1..p_d), x slowest
    x_axes = tuple(range(2, 2 + d))                   # axes of the field array (N, N, x..., p...)
    p_axes = tuple(range(2 + d, 2 + 2 * d))

    w = np.empty((n, n) + shape, dtype=np.complex128)
    for index, files in enumerate(problem["initial"]):
        w[index // n, index % n] = (load(folder, files["re"]) + 1j * load(folder, files["im"])).reshape(shape)
    v_half = load(folder, problem["potential"]["halfGrid"]).reshape(tuple(2 * m for m in sizes))
    momenta = [load(folder, name) for name in problem["grid"]["momenta"]]

    def broadcast(vector, axis):
        """A 1-D table along phase-space axis `axis` (0..2d−1), shaped to broadcast over (x..., p...)."""
        s = [1] * (2 * d)
        s[axis] = vector.size
        return vector.reshape(s)

    # Transport table e^{−i k·p τ} as a product over axes: the Fourier index along x_a against p_a.
    def transport_factor(tau):
        total = np.ones((1,) * (2 * d), dtype=np.complex128)
        for a in range(d):
            m = sizes[a]
            k = 2 * math.pi * np.fft.fftfreq(m, d=dx[a])
            phase = -TRANSPORT_SIGN * np.outer(k, momenta[a]) * tau           # (k_a, p_a)
            factor = np.exp(1j * phase)
            factor[m // 2, :] = np.cos(phase[m // 2, :])                     # Nyquist k: mean of ±k_max
            s = [1] * (2 * d)
            s[a], s[d + a] = m, m
            total = total * factor.reshape(s)
        return total

    # δV(x, y) = V(x + y/2) − V(x − y/2) on the (x, y) grid, y_n = n·Δx in FFT order; with the half-step grid
    # x_i ± y_n/2 = −L/2 + (2i ± n)·Δx/2, i.e. index (2i ± n) mod 2M of V on the half-step grid.
    index_x = [np.arange(m) for m in sizes]
    index_y = [np.fft.fftfreq(m, d=1.0 / m).astype(int) for m in sizes]      # n = 0, 1, …, −M/2, …, −1

    def delta_v(signs):
        plus = []
        minus = []
        for a in range(d):
            m = sizes[a]
            i = broadcast(index_x[a], a)
            y = broadcast(signs[a] * index_y[a], d + a)
            plus.append(np.mod(2 * i + y, 2 * m))
            minus.append(np.mod(2 * i - y, 2 * m))
        plus = np.broadcast_arrays(*plus)
        minus = np.broadcast_arrays(*minus)
        return v_half[tuple(plus)] - v_half[tuple(minus)]

    def potential_factor(tau):
        # At a Nyquist y index (y = −L/2, standing for ±L/2) average over both signs of that axis.
        nyquist = [broadcast(index_y[a] == -(sizes[a] // 2), d + a) for a in range(d)]
        total = np.zeros(shape, dtype=np.complex128)
        count = np.zeros(shape)
        for flips in range(1 << d):
            allowed = np.ones(shape, dtype=bool)
            signs = []
            for a in range(d):
                flipped = (flips >> a) & 1
                signs.append(-1 if flipped else 1)
                if flipped:
                    allowed = allowed & nyquist[a]
            total += np.where(allowed, np.exp(1j * tau * delta_v(signs)), 0)
            count += allowed
        return total / count

    transport_tables = {}
    potential_tables = {}

    def transport(state, tau):
        if tau not in transport_tables:
            transport_tables[tau] = transport_factor(tau)
        return np.fft.ifftn(transport_tables[tau] * np.fft.fftn(state, axes=x_axes), axes=x_axes)

    def theta(state, tau):
        if tau not in potential_tables:
            potential_tables[tau] = potential_factor(tau)
        return np.fft.ifftn(potential_tables[tau] * np.fft.fftn(state, axes=p_axes), axes=p_axes)

    def correlations(state):
        return state.reshape(n, n, -1).sum(axis=2) * cell                     # z_jk = ∫∫ w_jk

    def lohe(z, x):
        """The coupling right-hand side applied to x (shape (N, N, ...)) with the correlations z held fixed:
        (K/2N) Σ_l ( x_jl + x_lk − (z_jl + z_lk) x_jk )."""
        rows = x.sum(axis=1)                                                   # Σ_l x_jl, index (j, ...)
        cols = x.sum(axis=0)                                                   # Σ_l x_lk, index (k, ...)
        damping = z.sum(axis=1)[:, None] + z.sum(axis=0)[None, :]             # Σ_l (z_jl + z_lk)
        return (coupling / (2 * n)) * (rows[:, None] + cols[None, :] - damping[:, :, None] * x)

    def couple(state, tau):
        # For fixed z the right-hand side is linear in w and the same at every phase-space point, and z = ∫∫ w obeys the
        # same equation. So the flow over τ is one linear map on N×N matrices, w(τ) = M(τ)[w(0)] pointwise, with
        # z(τ) = M(τ)[z(0)]: integrate dM/dt = L(z) M together with dz/dt = L(z) z (N²·(N² + 1) numbers) with RK4,
        # then apply M to the fields once.
        if coupling == 0 or tau == 0:
            return state
        flat = state.reshape(n, n, -1)
        y = np.zeros((n, n, n * n + 1), dtype=np.complex128)                 # columns: M[E_ab] for ab = 0..N²−1, then z
        for a in range(n):
            for b in range(n):
                y[a, b, a * n + b] = 1
        y[:, :, -1] = flat.sum(axis=2) * cell
        steps = max(1, math.ceil(abs(coupling * tau) / MAX_COUPLING_SUBSTEP))
        h = tau / steps
        for _ in range(steps):
            k1 = lohe(y[:, :, -1], y)
            k2 = lohe(y[:, :, -1] + 0.5 * h * k1[:, :, -1], y + 0.5 * h * k1)
            k3 = lohe(y[:, :, -1] + 0.5 * h * k2[:, :, -1], y + 0.5 * h * k2)
            k4 = lohe(y[:, :, -1] + h * k3[:, :, -1], y + h * k3)
            y = y + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4)
        propagator = y[:, :, :-1].reshape(n * n, n * n)                      # row: (j, k), column: (a, b)
        return (propagator @ flat.reshape(n * n, -1)).reshape(state.shape)

    def strang(state, tau):
        state = couple(state, tau / 2)
        state = theta(state, tau / 2)
        state = transport(state, tau)
        state = theta(state, tau / 2)
        return couple(state, tau / 2)

    def step(state):
        if scheme == "lie":
            return transport(theta(couple(state, dt), dt), dt)
        if scheme == "strang":
            return strang(state, dt)
        for weight in yoshida_weights():
            state = strang(state, weight * dt)
        return state

    targets = []
    for t in times:
        k = round(t / dt)
        if abs(k * dt - t) > TIME_TOLERANCE * max(1.0, abs(t)):
            print(f"sample time {t!r} is not a multiple of dt = {dt!r}", file=sys.stderr)
            return 3
        targets.append(k)

    z_all = np.empty((len(times), n, n), dtype=np.complex128)
    fields = np.empty((len(times), n, n) + shape, dtype=np.complex128) if problem["storeStates"] else None
    done = 0
    for s, k in enumerate(targets):
        while done < k:
            w = step(w)
            done += 1
        z_all[s] = correlations(w)
        if fields is not None:
            fields[s] = w

    save(out, "times.npy", np.array(times))
    np.save(os.path.join(out, "z.npy"), z_all)                                # complex128, shape (S, N, N)
    if fields is not None:
        np.save(os.path.join(out, "w.npy"), fields)                           # complex128, (S, N, N, x..., p...)
    with open(os.path.join(out, "solver.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "numpy-wigner-split-step", "version": "1.0.0", "scheme": scheme,
                   "backend": f"numpy {np.__version__}"}, f)
    return 0


def serve(solve):
    """Persistent mode (CONTRACT.md): one problem folder per line on stdin, one answer line per problem on stdout."""
    for line in sys.stdin:
        folder = line.rstrip("\n")
        if not folder:
            continue
        try:
            code = solve(folder)
            answer = "done" if code == 0 else f"error exit status {code}"
        except Exception as e:  # an answer for every problem: the harness reports it, the process keeps serving
            answer = f"error {type(e).__name__}: {e}"
        print(answer.replace("\n", " "), flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: wl_split_step.py PROBLEM_FOLDER | --serve", file=sys.stderr)
        sys.exit(3)
    if sys.argv[1] == "--serve":
        sys.exit(serve(main))
    sys.exit(main(sys.argv[-1]))

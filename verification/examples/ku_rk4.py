#!/usr/bin/env python3
"""Example external Kuramoto solver for ConvergenceSuite (contract: CONTRACT.md, "Kuramoto problems").

Integrates eq. (7) of the paper, dθ_j/dt = Ω_j + (K/N) Σ_k sin(θ_k − θ_j), with classical RK4 at the problem's dt,
written with numpy only and independently of the C# solver, and writes the unwrapped phases at the sample times.
It supports the fixed-step scheme "rk4"; for any other scheme it gives the capability answer (out/unsupported.txt).

Usage: python3 ku_rk4.py [--wrong-sign] [--wrapped] PROBLEM_FOLDER   (the harness appends the folder)
       python3 ku_rk4.py [--wrong-sign] [--wrapped] --serve          (persistent mode, CONTRACT.md: one problem folder per
                                                                     line on stdin, one answer line per problem on stdout)
--wrong-sign integrates sin(θ_j − θ_k) instead (repulsive coupling): a defect the checks must catch.
--wrapped writes the phases mod 2π instead of unwrapped: a contract violation the harness must refuse.
"""
import json
import os
import sys

import numpy as np

TIME_TOLERANCE = 1e-9  # sample times must be multiples of dt to this relative accuracy


def main(argv, folder=None):
    wrong_sign = "--wrong-sign" in argv
    folder = argv[-1] if folder is None else folder
    with open(os.path.join(folder, "problem.json"), encoding="utf-8") as f:
        problem = json.load(f)
    out = os.path.join(folder, problem["output"])
    if problem.get("contract") != "convergence-suite-external-solver/1" or problem["model"] != "kuramoto":
        print(f"unsupported contract/model {problem.get('contract')!r}/{problem.get('model')!r}", file=sys.stderr)
        return 2
    if problem["scheme"] != "rk4":
        with open(os.path.join(out, "unsupported.txt"), "w", encoding="utf-8") as f:
            f.write(f"ku_rk4.py integrates with rk4 only, not {problem['scheme']}\n")
        return 0
    omega = np.load(os.path.join(folder, problem["frequencies"]))
    theta = np.load(os.path.join(folder, problem["initialPhases"])).astype(float)
    k, n, dt = problem["coupling"], problem["oscillators"], problem["dt"]
    sign = -1.0 if wrong_sign else 1.0

    def rhs(th):
        # (K/N) Σ_k sin(θ_k − θ_j) = (K/N) Im(e^{−iθ_j} Σ_k e^{iθ_k})
        mean = np.exp(1j * th).sum()
        return omega + sign * (k / n) * np.imag(np.exp(-1j * th) * mean)

    times = problem["sampleTimes"]
    phases = np.empty((len(times), n))
    step = 0
    for s, t in enumerate(times):
        target = round(t / dt)
        if abs(target * dt - t) > TIME_TOLERANCE * max(1.0, t):
            print(f"sample time {t} is not a multiple of dt = {dt}", file=sys.stderr)
            return 3
        while step < target:
            k1 = rhs(theta)
            k2 = rhs(theta + 0.5 * dt * k1)
            k3 = rhs(theta + 0.5 * dt * k2)
            k4 = rhs(theta + dt * k3)
            theta = theta + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            step += 1
        phases[s] = theta
    np.save(os.path.join(out, "times.npy"), np.asarray(times, dtype="<f8"))
    if "--wrapped" in argv:
        phases = np.mod(phases, 2 * np.pi)
    np.save(os.path.join(out, "theta.npy"), phases)  # shape (S, N), C order
    with open(os.path.join(out, "solver.json"), "w", encoding="utf-8") as f:
        json.dump({"name": "ku_rk4.py", "scheme": "rk4", "backend": "numpy"}, f)
    return 0


def serve(argv):
    """Persistent mode: python and numpy start once; every problem of a ladder is one line on stdin and one answer
    ("done", or "error ..." with the reason) on stdout. The flags given with --serve apply to every problem."""
    flags = [a for a in argv if a != "--serve"]
    for line in sys.stdin:
        folder = line.rstrip("\n")
        if not folder:
            continue
        try:
            code = main(flags, folder)
            answer = "done" if code == 0 else f"error exit status {code}"
        except Exception as e:  # every problem gets an answer; the process keeps serving
            answer = f"error {type(e).__name__}: {e}"
        print(answer.replace("\n", " "), flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: ku_rk4.py [--wrong-sign] [--wrapped] PROBLEM_FOLDER | --serve", file=sys.stderr)
        sys.exit(3)
    if "--serve" in sys.argv[1:]:
        sys.exit(serve(sys.argv[1:]))
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Test data (not an example): the example W-L adapter verification/examples/wl_split_step.py, made to misbehave on
purpose so that the tests can see the harness catch it. It imports the shipped adapter unchanged and either changes
the problem it solves (a defect the checks must catch) or breaks its output or the persistent-mode protocol (a contract
violation the harness must name).

Usage: python3 wl_misbehaving.py --mode MODE PROBLEM_FOLDER      (one run)
       python3 wl_misbehaving.py --mode MODE --serve             (persistent mode)
Defects:     transport-sign (∂t w − p·∇x w instead of + p·∇x w), coupling-sign (the Lohe coupling with −K)
Violations:  w-missing, w-shape ((S, N², P) instead of (S, N, N, P)), w-nan, z-real (z.npy written as real numbers),
             z-both (z.npy and z_re.npy)
Persistent:  garbage (answers "solved it!"), die (exits 4 before answering), hang (never answers),
             error (answers "error refusing on purpose")
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples")))
import wl_split_step as wl  # noqa: E402  (the shipped adapter, unchanged)


def solve(folder, mode):
    if mode == "transport-sign":
        wl.TRANSPORT_SIGN = -1.0
    if mode == "coupling-sign":
        path = os.path.join(folder, "problem.json")
        with open(path, encoding="utf-8") as f:
            problem = json.load(f)
        problem["coupling"] = -problem["coupling"]
        with open(path, "w", encoding="utf-8") as f:
            json.dump(problem, f)
    code = wl.main(folder)
    if code != 0:
        return code
    out = os.path.join(folder, "out")
    if os.path.exists(os.path.join(out, "unsupported.txt")):
        return 0
    if mode == "w-missing" and os.path.exists(os.path.join(out, "w.npy")):
        os.remove(os.path.join(out, "w.npy"))
    if mode == "w-shape" and os.path.exists(os.path.join(out, "w.npy")):
        w = np.load(os.path.join(out, "w.npy"))
        np.save(os.path.join(out, "w.npy"), w.reshape(w.shape[0], w.shape[1] * w.shape[2], -1))
    if mode == "w-nan" and os.path.exists(os.path.join(out, "w.npy")):
        w = np.load(os.path.join(out, "w.npy"))
        w[0, 0, 1].flat[5] = np.nan
        np.save(os.path.join(out, "w.npy"), w)
    if mode == "z-real":
        z = np.load(os.path.join(out, "z.npy"))
        np.save(os.path.join(out, "z.npy"), np.ascontiguousarray(z.real))
    if mode == "z-both":
        z = np.load(os.path.join(out, "z.npy"))
        np.save(os.path.join(out, "z_re.npy"), np.ascontiguousarray(z.real))
    return 0


def serve(mode):
    for line in sys.stdin:
        folder = line.rstrip("\n")
        if mode == "garbage":
            print("solved it!", flush=True)
        elif mode == "die":
            print("dying on purpose", file=sys.stderr, flush=True)
            sys.exit(4)
        elif mode == "hang":
            time.sleep(3600)
        elif mode == "error":
            print("error refusing on purpose", flush=True)
        else:
            code = solve(folder, mode)
            print("done" if code == 0 else f"error exit status {code}", flush=True)
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    mode = args[args.index("--mode") + 1] if "--mode" in args else "none"
    if "--serve" in args:
        sys.exit(serve(mode))
    sys.exit(solve(args[-1], mode))

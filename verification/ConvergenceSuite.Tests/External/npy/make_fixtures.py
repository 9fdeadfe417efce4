"""Writes the .npy fixtures of NpyReaderTests with numpy itself (numpy 1.24, Debian python3-numpy).

The values follow formulas the C# test evaluates independently, so the test compares numpy's bytes with the
mathematics, not with our own writer:
  real 2-D:    a[i, j]    = 10 i + j + 0.25                      shape (2, 3)
  complex 3-D: c[i, j, k] = (100 i + 10 j + k) + 1j (i - j + 0.5 k)  shape (2, 3, 4)
  1-D:         v = [0.5, -1.25, 3.0]                          (exact in float32 too)
Run: /usr/bin/python3 make_fixtures.py   (in this folder)
"""
import numpy as np

a = np.fromfunction(lambda i, j: 10 * i + j + 0.25, (2, 3))
c = np.fromfunction(lambda i, j, k: (100 * i + 10 * j + k) + 1j * (i - j + 0.5 * k), (2, 3, 4))
v = np.array([0.5, -1.25, 3.0])

np.save("c_f8_2d.npy", np.ascontiguousarray(a))
np.save("fortran_f8_2d.npy", np.asfortranarray(a))
np.save("c_c16_3d.npy", np.ascontiguousarray(c))
np.save("fortran_c16_3d.npy", np.asfortranarray(c))
np.save("fortran_c8_3d.npy", np.asfortranarray(c.astype("<c8")))
np.save("be_f8_1d.npy", v.astype(">f8"))
np.save("f4_1d.npy", v.astype("<f4"))
np.save("be_c16_1d.npy", (v + 1j * v[::-1]).astype(">c16"))
with open("v2_f8_2d.npy", "wb") as f:
    np.lib.format.write_array(f, np.asfortranarray(a), version=(2, 0))
with open("v3_f8_1d.npy", "wb") as f:
    np.lib.format.write_array(f, v, version=(3, 0))

using System.Numerics;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics.Wigner;

namespace ConvergenceSuite.Abstractions;

/// <summary>
/// The phase-space data of a W-L run (<see cref="Trajectory.Payload"/>): the grid, the discretised problem the solver
/// started from, and (when states are stored) every field w_jk at every sample, (x,p) layout, index [sample][j·N + k].
/// </summary>
public sealed record WignerLohePayload(PhaseSpaceGrid Grid, WignerLoheProblem Problem, IReadOnlyList<Complex[][]>? Fields);

using ConvergenceSuite.Harness.Claims;
using NUnit.Framework;
using QuantumSync.Models.Potentials;
using QuantumSync.Numerics.Wigner;

namespace ConvergenceSuite.Tests.Claims;

[Explicit]
public class ScratchTests
{
    [Test]
    public void Probe()
    {
        foreach (var (k, v, m, l) in new[] { (1.0, ClaimRuns.Cosine(0.3, 2, 24), 96, 24.0), (1.0, ClaimRuns.Cosine(0.3, 2, 48), 192, 48.0) })
        {
            var data = SlData.Gaussians("x", m, l, v, k, (-1.5, 0.8, 1), (0, -0.6, 1), (1.5, 0.2, 1));
            var grid = new PhaseSpaceGrid(data.Grid);
            using var ladder = WignerLadder.Build(data, grid, WignerLadder.FromSchrodinger(data, grid, "yoshida4"), 0.04, 3, [0.48]);
            using var wl = WignerLadder.Build(data, grid, WignerLadder.FromWignerSolver(data, grid, "yoshida4"), 0.04, 3, [0.48]);
            TestContext.Out.WriteLine($"K={k} M={m} L={l}: SL line1 {string.Join(", ", ladder.Residuals(WignerLines.First))}  line2 {string.Join(", ", ladder.Residuals(WignerLines.Eq2Line2))}; WL line1 {string.Join(", ", wl.Residuals(WignerLines.First))} line2 {string.Join(", ", wl.Residuals(WignerLines.Eq2Line2))}");
        }
    }
}

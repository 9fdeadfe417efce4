using System.Numerics;
using QuantumSync.Models.WignerLohe;
using QuantumSync.Numerics.Fft;
using QuantumSync.Numerics.Ode;
using QuantumSync.Solvers.WignerLohe;

namespace ConvergenceSuite.SeededBugs;

// Wrong W-L operators, each the correct WignerLoheOperators with one member replaced by a mistaken one, run by the
// same splitting engine (WignerLoheSolver(operators, scheme)).

/// <summary>Transport solving ∂t w − p·∇x w = 0: the phase e^{+ik·pτ}, i.e. the correct table for −τ.</summary>
internal sealed class ReversedTransport(WignerLoheProblem problem, double dt, IFftBackend? backend) : WignerLoheOperators(problem, dt, backend)
{
    protected override Complex[] TransportTable(double tau) => base.TransportTable(-tau);
}

/// <summary>Θ[V] with V evaluated at x ± y instead of x ± y/2 (the half-displacement of Definition 1.1 dropped); the
/// table is otherwise built as the correct one (wrapped points, Nyquist ends averaged).</summary>
internal sealed class FullDisplacementTheta(WignerLoheProblem problem, double dt, IFftBackend? backend) : WignerLoheOperators(problem, dt, backend)
{
    protected override Complex[] PotentialTable(double tau)
    {
        var d = Grid.Dimension;
        var sizes = Grid.XGrid.Sizes;
        var lengths = Grid.XGrid.Lengths;
        var xs = Enumerable.Range(0, d).Select(Grid.XGrid.Coordinates).ToArray();
        var ys = Enumerable.Range(0, d).Select(Grid.Displacements).ToArray();
        var v = Problem.Potential;
        var plus = new double[d];
        var minus = new double[d];
        var xi = new int[d];
        var yi = new int[d];
        var block = Grid.BlockSize;
        var table = new Complex[Grid.Count];
        for (var i = 0; i < block; i++)
        {
            Unflatten(i, sizes, xi);
            for (var n = 0; n < block; n++)
            {
                Unflatten(n, sizes, yi);
                var ends = 0;
                for (var a = 0; a < d; a++) if (yi[a] == sizes[a] / 2) ends |= 1 << a;
                Complex sum = 0;
                var terms = 0;
                for (var signs = 0; signs < 1 << d; signs++)
                {
                    if ((signs & ~ends) != 0) continue;
                    for (var a = 0; a < d; a++)
                    {
                        var y = ys[a][yi[a]] * ((signs >> a & 1) == 1 ? -1 : 1);
                        plus[a] = Wrap(xs[a][xi[a]] + y, lengths[a]); // the defect: x + y, not x + y/2
                        minus[a] = Wrap(xs[a][xi[a]] - y, lengths[a]);
                    }
                    sum += Complex.FromPolarCoordinates(1, tau * (v[plus] - v[minus]));
                    terms++;
                }
                table[i * block + n] = sum / terms;
            }
        }
        return table;
    }
}

/// <summary>
/// The coupling with z frozen at its initial value: the coefficients (z_jl + z_lk) of B keep z(0), so
/// Φ' = (K/2N)(𝟙𝟙ᵀ Φ − diag(Σ_l z_jl(0)) Φ); the mixing is deferred as in the correct coupling.
/// </summary>
internal sealed class FrozenCorrelations : WignerLoheOperators
{
    private readonly Complex[] _z0, _phi, _rowSums;
    private readonly ComplexRk4 _rk4;
    private readonly ComplexDerivative _derivative;
    private bool _filled;

    public FrozenCorrelations(WignerLoheProblem problem, double dt, IFftBackend? backend) : base(problem, dt, backend)
    {
        var nn = Oscillators * Oscillators;
        _z0 = new Complex[nn];
        _phi = new Complex[nn];
        _rowSums = new Complex[Oscillators];
        _rk4 = new ComplexRk4(nn);
        _derivative = Derivative;
    }

    public override void Coupling(double fraction)
    {
        if (Problem.Coupling == 0 || fraction == 0) return;
        if (!_filled) StoredCorrelations(_z0); // the first coupling: no mixing deferred yet, the stored fields are current
        _filled = true;
        var n = Oscillators;
        for (var j = 0; j < n; j++)
        {
            Complex frozen = 0;
            for (var l = 0; l < n; l++) frozen += _z0[j * n + l];
            _rowSums[j] = frozen;
        }
        var tau = fraction * TimeStep;
        Array.Clear(_phi);
        for (var j = 0; j < n; j++) _phi[j * n + j] = 1;
        var substeps = Math.Max(1, (int)Math.Ceiling(Problem.Coupling * Math.Abs(tau) / MaxCouplingSubstep));
        var h = tau / substeps;
        for (var k = 0; k < substeps; k++) _rk4.Step(_phi, h, _derivative);
        DeferMixing(_phi);
    }

    private void Derivative(Complex[] phi, Complex[] dphi)
    {
        var n = Oscillators;
        var factor = Problem.Coupling / (2.0 * n);
        for (var m = 0; m < n; m++)
        {
            Complex column = 0;
            for (var l = 0; l < n; l++) column += phi[l * n + m];
            for (var j = 0; j < n; j++) dphi[j * n + m] = factor * (column - _rowSums[j] * phi[j * n + m]);
        }
    }
}

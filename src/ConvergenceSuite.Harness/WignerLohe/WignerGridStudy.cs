using System.Globalization;
using System.Numerics;
using ConvergenceSuite.Abstractions;
using ConvergenceSuite.Harness.Checks;
using ConvergenceSuite.Harness.Studies;
using ConvergenceSuite.Harness.Summary;
using QuantumSync.Numerics.Ode;

namespace ConvergenceSuite.Harness.WignerLohe;

/// <summary>
/// The W-L solution in closed form, with coupling (K ≥ 0), for phase-space Gaussian (mixed) data with coherences,
/// d = 1, and one separable quadratic potential V shared by all oscillators. The free flow (transport + Θ[V]) is the
/// same linear map F_t on every field and leaves ∫∫ w unchanged; the Lohe coupling mixes the fields pointwise,
/// W ← Φ W Φ^†. The two commute, so W(t) = Φ(t) F_t[W(0)] Φ(t)^† with
///   Φ' = (K/2N)(𝟙𝟙ᵀ Φ − diag(Σ_l z_jl) Φ),  z = Φ G Φ^†,  Φ(0) = I,
/// G the Gram matrix z(0) = ∫∫ W(0) (the matrix form of the coupling in WignerLoheSolver's summary, from the W-L
/// equation of docs/MATH.md). F_t is the classical harmonic flow (<see cref="QuadraticWignerFlow"/>): for quadratic V the
/// Moyal bracket is the Poisson bracket.
/// </summary>
/// <remarks>
/// What this reference shares with the solver: the case parameters (box, ω and centre of V read back from its values,
/// the Gaussian recipes, K) and the layout convention of a field (x slowest, p ascending). Nothing else:
/// <list type="bullet">
/// <item>the sample points x_i = −L/2 + i·L/M, p_m = (m − M/2)·2π/L are computed here from docs/MATH.md's convention, not
/// taken from PhaseSpaceGrid, so a wrong Δp (or Δx, or p origin) in the grid code the solver samples and transports with
/// puts the solver's field at other phase-space points than the reference: it cannot cancel;</item>
/// <item>the Gaussians are evaluated from their formula at Φ_{−t}(x, p) — no FFT, no wavenumbers, no Θ[V] table, so a
/// wrong transport or potential step cannot cancel either;</item>
/// <item>G is the continuum Gram matrix in closed form: z_jj = 1 (the states are probability densities) and
/// z_jk = c_jk ∫∫ √(w_j w_k) = c_jk · B_x · B_p with B = √(2 s_j s_k/(s_j² + s_k²)) e^{−(a_j − a_k)²/(4(s_j² + s_k²))}
/// per phase-space axis (Bhattacharyya coefficient of two normals); not the solver's discrete sums;</item>
/// <item>Φ is integrated by adaptive DOPRI5 at 1e-14 (global error ≈ 1e-13), not by the solver's fixed-step RK4
/// coupling sub-steps.</item>
/// </list>
/// So the difference from the solver is its whole discretisation error: spatial (x-aliasing, p-range truncation,
/// normalisation by a discrete mass) plus its time error, which the case makes negligible by its choice of scheme and dt.
/// </remarks>
public sealed class ClosedFormWignerLohe
{
    /// <summary>Tolerance of the DOPRI5 integration of Φ (as <see cref="QuantumSync.Models.Reductions.ExactFactorisedReference.IntegratorTolerance"/>).</summary>
    public const double IntegratorTolerance = 1e-14;

    private readonly WignerLoheSpec _spec;
    private readonly QuadraticWignerFlow _flow;
    private readonly Complex[] _gram;

    private ClosedFormWignerLohe(WignerLoheSpec spec, QuadraticWignerFlow flow)
    {
        _spec = spec;
        _flow = flow;
        _gram = Gram(spec);
    }

    /// <summary>Null when the closed form applies to the case, else the reason it does not.</summary>
    public static string? NotApplicable(WignerLoheSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Dimension != 1) return $"the closed-form W-L reference is implemented for d = 1 (phase space 2-D); this case has d = {spec.Dimension}";
        if (spec.IsPure) return "the closed-form W-L reference needs phase-space Gaussian (mixed) data; this case gives wave functions";
        if (QuadraticWignerFlow.FromPotential(spec.Potential, spec.Lengths, out var reason) is null) return reason;
        return null;
    }

    /// <summary>The reference for a case that passes <see cref="NotApplicable"/>.</summary>
    public static ClosedFormWignerLohe For(WignerLoheSpec spec)
    {
        if (NotApplicable(spec) is { } why) throw new InvalidOperationException(why);
        return new ClosedFormWignerLohe(spec, QuadraticWignerFlow.FromPotential(spec.Potential, spec.Lengths, out _)!);
    }

    /// <summary>The continuum Gram matrix z(0) = ∫∫ W(0) (row-major N×N), see the remarks.</summary>
    public Complex[] GramMatrix => _gram.ToArray();

    /// <summary>Φ(t) (row-major N×N) from the coupling ODE, by DOPRI5.</summary>
    public Complex[] Mixing(double t)
    {
        var n = _spec.Oscillators;
        var y = new double[2 * n * n];
        for (var j = 0; j < n; j++) y[2 * (j * n + j)] = 1;
        if (t == 0 || _spec.Coupling == 0) return Unpack(y);
        var phi = new Complex[n * n];
        var gPhiH = new Complex[n * n];
        var rowSums = new Complex[n];
        var factor = _spec.Coupling / (2.0 * n);
        void Rhs(double _, ReadOnlySpan<double> state, Span<double> d)
        {
            for (var i = 0; i < phi.Length; i++) phi[i] = new Complex(state[2 * i], state[2 * i + 1]);
            for (var m = 0; m < n; m++)
            for (var k = 0; k < n; k++)
            {
                Complex s = 0;
                for (var q = 0; q < n; q++) s += _gram[m * n + q] * Complex.Conjugate(phi[k * n + q]);
                gPhiH[m * n + k] = s;
            }
            for (var j = 0; j < n; j++)
            {
                Complex r = 0; // Σ_l z_jl with z = Φ G Φ^†
                for (var l = 0; l < n; l++)
                for (var m = 0; m < n; m++)
                    r += phi[j * n + m] * gPhiH[m * n + l];
                rowSums[j] = r;
            }
            for (var m = 0; m < n; m++)
            {
                Complex column = 0;
                for (var l = 0; l < n; l++) column += phi[l * n + m];
                for (var j = 0; j < n; j++)
                {
                    var v = factor * (column - rowSums[j] * phi[j * n + m]);
                    d[2 * (j * n + m)] = v.Real;
                    d[2 * (j * n + m) + 1] = v.Imaginary;
                }
            }
        }
        new DormandPrince54(y.Length, IntegratorTolerance, IntegratorTolerance).Integrate(Rhs, 0, t, y);
        return Unpack(y);
    }

    /// <summary>
    /// Every field w_jk(t) at the points of an M-point grid on the case's box (layout j·M + m, x_j = −L/2 + j·L/M,
    /// p_m = (m − M/2)·2π/L), row-major over (j, k).
    /// </summary>
    public Complex[][] Fields(int points, double t)
    {
        if (points < 2 || points % 2 != 0) throw new ArgumentOutOfRangeException(nameof(points), $"an even number ≥ 2 of points is needed; got {points}");
        var mixed = _spec.Mixed!;
        var n = mixed.Count;
        var length = _spec.Lengths[0];
        var count = points * points;
        var x = new double[1];
        var p = new double[1];
        var x0 = new double[1];
        var p0 = new double[1];
        var free = new double[n][];
        for (var j = 0; j < n; j++) free[j] = new double[count];
        for (var i = 0; i < points; i++)
        {
            x[0] = -length / 2 + i * length / points;
            for (var m = 0; m < points; m++)
            {
                p[0] = (m - points / 2) * (2 * Math.PI / length);
                _flow.Backward(t, x, p, x0, p0);
                for (var j = 0; j < n; j++) free[j][i * points + m] = Density(mixed[j], x0[0], p0[0]);
            }
        }
        var w0 = new Complex[n * n][];
        for (var j = 0; j < n; j++) w0[j * n + j] = free[j].Select(v => new Complex(v, 0)).ToArray();
        foreach (var c in _spec.Coherences)
        {
            var root = free[c.J].Zip(free[c.K], (a, b) => Math.Sqrt(a * b)).ToArray();
            w0[c.J * n + c.K] = root.Select(v => c.Coefficient * v).ToArray();
            w0[c.K * n + c.J] = root.Select(v => Complex.Conjugate(c.Coefficient) * v).ToArray();
        }
        for (var f = 0; f < w0.Length; f++) w0[f] ??= new Complex[count];
        var phi = Mixing(t);
        var result = new Complex[n * n][];
        for (var j = 0; j < n; j++)
        for (var k = 0; k < n; k++)
        {
            var field = new Complex[count];
            for (var m = 0; m < n; m++)
            for (var l = 0; l < n; l++)
            {
                var coefficient = phi[j * n + m] * Complex.Conjugate(phi[k * n + l]);
                if (coefficient == Complex.Zero) continue;
                var source = w0[m * n + l];
                for (var i = 0; i < count; i++) field[i] += coefficient * source[i];
            }
            result[j * n + k] = field;
        }
        return result;
    }

    /// <summary>(2π σx σp)^{−1} exp(−(x − x0)²/(2σx²) − (p − p0)²/(2σp²)), the d = 1 state of PhaseSpaceStates.Gaussian.</summary>
    private static double Density(PhaseSpaceGaussianRecipe r, double x, double p)
    {
        var dx = x - r.Center[0];
        var dp = p - r.Momentum[0];
        return Math.Exp(-dx * dx / (2 * r.SigmaX * r.SigmaX) - dp * dp / (2 * r.SigmaP * r.SigmaP)) / (2 * Math.PI * r.SigmaX * r.SigmaP);
    }

    private static Complex[] Gram(WignerLoheSpec spec)
    {
        var mixed = spec.Mixed!;
        var n = mixed.Count;
        var g = new Complex[n * n];
        for (var j = 0; j < n; j++) g[j * n + j] = 1;
        foreach (var c in spec.Coherences)
        {
            var a = mixed[c.J];
            var b = mixed[c.K];
            var overlap = Bhattacharyya(a.Center[0], a.SigmaX, b.Center[0], b.SigmaX) * Bhattacharyya(a.Momentum[0], a.SigmaP, b.Momentum[0], b.SigmaP);
            g[c.J * n + c.K] = c.Coefficient * overlap;
            g[c.K * n + c.J] = Complex.Conjugate(c.Coefficient) * overlap;
        }
        return g;
    }

    /// <summary>∫ √(N(u; a, s²) N(u; b, r²)) du = √(2sr/(s² + r²)) e^{−(a − b)²/(4(s² + r²))}.</summary>
    internal static double Bhattacharyya(double a, double s, double b, double r) =>
        Math.Sqrt(2 * s * r / (s * s + r * r)) * Math.Exp(-(a - b) * (a - b) / (4 * (s * s + r * r)));

    private static Complex[] Unpack(double[] y)
    {
        var result = new Complex[y.Length / 2];
        for (var i = 0; i < result.Length; i++) result[i] = new Complex(y[2 * i], y[2 * i + 1]);
        return result;
    }
}

/// <summary>
/// "wigner-grid-study": the W-L solver under test re-run with M points per axis (phase space M × M, dt fixed and stated
/// with its reason), error e(M) = max_jk ‖w_jk − w_jk^ref‖/‖w_jk^ref‖ (discrete relative L² over the M × M points) against
/// the closed-form solution <see cref="ClosedFormWignerLohe"/> sampled at the same phase-space points — the truth, not
/// a finer run of the same solver. Spectral fit and verdict by <see cref="GridStudy.Decide"/> (α ≥ the stated minimum,
/// or the error reached the stated floor).
/// </summary>
public sealed class WignerGridStudyCheck(GridStudySettings settings, double finalTime, string dtReason) : ICheck
{
    /// <summary>The case-file id.</summary>
    public const string CheckId = "wigner-grid-study";

    /// <summary>Default floor: relative L² error of the phase-space fields at which double round-off of a run dominates
    /// (FFT round trips over ~10⁴ points, a few hundred steps; as <see cref="WignerTemporalOrderCheck.RoundOffFloor"/>).</summary>
    public const double DefaultFloor = 1e-12;

    /// <inheritdoc />
    public string Id => CheckId;
    /// <inheritdoc />
    public string Statement => "The W-L error against the closed-form solution falls spectrally in the grid size M (fitted α at least the stated minimum, or the floor reached).";
    /// <summary>The grid ladder, reference, minimum rate, floor, scheme and dt of the study.</summary>
    public GridStudySettings Settings { get; } = settings;

    /// <inheritdoc />
    public CheckResult Evaluate(CheckContext context)
    {
        var spec = WignerCheckData.Spec(context);
        var scheme = Settings.Scheme.Length > 0 ? Settings.Scheme : context.Resolution.Scheme;
        var settings = Settings with { Scheme = scheme };
        var reference = ClosedFormWignerLohe.For(spec);
        var n = spec.Oscillators;
        var errors = new double[settings.GridPoints.Count];
        var seconds = new double[settings.GridPoints.Count];
        for (var g = 0; g < errors.Length; g++)
        {
            var m = settings.GridPoints[g];
            var run = context.Solver.Run(spec, context.Resolution with { Scheme = scheme, TimeStep = settings.TimeStep, GridPoints = [m] },
                storeStates: true, sampleTimes: [finalTime]);
            seconds[g] = run.ElapsedSeconds;
            var fields = (run.Payload as WignerLohePayload)?.Fields?[0]
                         ?? throw new InvalidOperationException($"the run on M = {m} returned no phase-space fields");
            var expected = reference.Fields(m, finalTime);
            var worst = 0.0;
            for (var f = 0; f < n * n; f++)
            {
                var e = RelativeL2(fields[f], expected[f]);
                worst = double.IsNaN(e) || double.IsNaN(worst) ? double.NaN : Math.Max(worst, e);
            }
            errors[g] = worst;
        }
        var referenceText = Inv($"closed-form W-L solution Φ(t) F_t[W(0)] Φ(t)^† (harmonic flow of the Gaussians, Φ by DOPRI5) sampled at each ladder grid's own phase-space points; dt = {settings.TimeStep:G6}: {dtReason}");
        return GridStudy.Decide(Id, settings, errors, null, seconds, "max_jk relative L² error of w_jk at T against the closed form", referenceText);
    }

    /// <summary>√(Σ|a − b|² / Σ|b|²) over the points (uniform weights cancel); NaN if any entry is not finite.</summary>
    internal static double RelativeL2(IReadOnlyList<Complex> a, IReadOnlyList<Complex> reference)
    {
        if (a.Count != reference.Count) throw new ArgumentException($"the run has {a.Count} phase-space points, the reference {reference.Count}");
        double diff = 0, norm = 0;
        for (var i = 0; i < a.Count; i++)
        {
            var d = a[i] - reference[i];
            diff += d.Real * d.Real + d.Imaginary * d.Imaginary;
            norm += reference[i].Real * reference[i].Real + reference[i].Imaginary * reference[i].Imaginary;
        }
        var r = Math.Sqrt(diff / norm);
        return double.IsFinite(r) ? r : double.NaN;
    }

    /// <summary>
    /// Reads { "grids": [M...], "dt": dt, "dtReason": text, "alphaMin": α_min, "floor": ε?, "scheme": name?, "final": T? }.
    /// Refused at load unless the closed form applies (d = 1, phase-space Gaussian data, separable quadratic V).
    /// </summary>
    internal static WignerGridStudyCheck Create(WignerGridStudyParameters p, CheckSite f, Problem problem)
    {
        WignerCheckData.RequireWignerLohe(f, problem, "the W-L grid study");
        var spec = (WignerLoheSpec)problem;
        if (ClosedFormWignerLohe.NotApplicable(spec) is { } why) throw f.Error("id", why);
        var final = StudyFields.Final(f, p.Final, problem);
        var grids = p.Grids;
        if (grids.Length < 3) throw f.Error("grids", $"a grid study needs at least 3 grids; got {grids.Length}");
        for (var i = 0; i < grids.Length; i++)
        {
            if (grids[i] < 4 || grids[i] % 2 != 0) throw f.Error("grids", $"grid size {grids[i]} is not an even number ≥ 4 (the p-grid needs M/2)");
            if (i > 0 && grids[i] <= grids[i - 1]) throw f.Error("grids", "grid sizes must increase strictly (coarse → fine)");
        }
        var dt = p.Dt;
        StudyFields.RequireMultiple(f, "dt", final, dt);
        var dtReason = p.DtReason;
        if (dtReason.Trim().Length == 0) throw f.Error("dtReason", "say why dt hides no space error");
        var alphaMin = p.AlphaMin;
        if (!(alphaMin > 0)) throw f.Error("alphaMin", "must be positive");
        var floor = StudyFields.Floor(f, p.Floor);
        var scheme = StudyFields.Scheme(f, p.Scheme) ?? "";
        var settings = new GridStudySettings(grids, 1, spec.Lengths[0], new GridReference(GridReferenceKind.Analytic, grids[^1]), alphaMin, floor, scheme, dt);
        return new WignerGridStudyCheck(settings, final, dtReason);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

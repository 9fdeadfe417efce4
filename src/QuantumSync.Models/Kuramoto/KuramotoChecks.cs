using System.Globalization;

namespace QuantumSync.Models.Kuramoto;

/// <summary>
/// Outcome of one Kuramoto check: what was measured against what, the errors, the tolerance that applied and whether
/// it held. <see cref="AbsoluteError"/> = |measured − expected|; <see cref="RelativeError"/> = that divided by the
/// scale named in <see cref="Message"/>. The harness turns <see cref="Passed"/> into a verdict; a NaN measurement fails.
/// </summary>
public sealed record KuramotoCheckOutcome(
    string Quantity,
    double Measured,
    double Expected,
    double AbsoluteError,
    double RelativeError,
    double Tolerance,
    bool Passed,
    string Message);

/// <summary>
/// Pure check functions for the Kuramoto level (paper eq. (7), docs/MATH.md "Kuramoto reduction"). They take plain arrays
/// (sample times, phase differences, order-parameter magnitudes), so they know nothing about the solver.
/// </summary>
public static class KuramotoChecks
{
    /// <summary>
    /// Locked phase of Adler's equation: the measured late-time φ = θ₂ − θ₁, reduced modulo 2π to the branch nearest
    /// φ* = arcsin(ΔΩ/K), against φ*. Relative error = |φ − φ*| / |φ*| (absolute error when φ* = 0).
    /// </summary>
    public static KuramotoCheckOutcome LockedPhase(double measuredPhaseDifference, AdlerClosedForm closedForm, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(closedForm);
        var expected = closedForm.LockedPhase;
        var difference = WrapToPi(measuredPhaseDifference - expected);
        var absolute = Math.Abs(difference);
        var scale = expected == 0 ? 1 : Math.Abs(expected);
        var relative = absolute / scale;
        return Outcome("locked phase φ*", expected + difference, expected, absolute, relative, relativeTolerance,
            $"φ(t_end) mod 2π vs arcsin(ΔΩ/K); relative to |φ*|{(expected == 0 ? " (φ* = 0: absolute)" : "")}");
    }

    /// <summary>
    /// Times at which the unwrapped φ(t) passes φ(t₀) + 2πk (k = 1, 2, …, in the direction of its net drift), each
    /// located by inverting the cubic through the four samples around the crossing (interpolation error O(Δt⁴)).
    /// </summary>
    public static double[] SlipCrossingTimes(IReadOnlyList<double> times, IReadOnlyList<double> phaseDifference)
    {
        RequireSeries(times, phaseDifference);
        var count = times.Count;
        var direction = Math.Sign(phaseDifference[count - 1] - phaseDifference[0]);
        var crossings = new List<double>();
        if (direction == 0) return [];
        var reference = phaseDifference[0];
        var level = reference + direction * 2 * Math.PI;
        for (var i = 0; i + 1 < count; i++)
        {
            while ((phaseDifference[i] - level) * direction < 0 && (phaseDifference[i + 1] - level) * direction >= 0)
            {
                crossings.Add(CubicCrossing(times, phaseDifference, i, level));
                level += direction * 2 * Math.PI;
            }
        }
        return crossings.ToArray();
    }

    /// <summary>
    /// Slip period of Adler's equation measured from the solver's unwrapped φ(t): mean spacing of the 2π crossing
    /// times ((t_last − t_first)/(m − 1) over m crossings) against T = 2π/√(ΔΩ² − K²), relative to T. The message
    /// also gives the worst single interval. Fewer than two crossings: the check fails with a NaN measurement.
    /// </summary>
    public static KuramotoCheckOutcome SlipPeriod(IReadOnlyList<double> times, IReadOnlyList<double> phaseDifference, AdlerClosedForm closedForm, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(closedForm);
        var expected = closedForm.SlipPeriod;
        var crossings = SlipCrossingTimes(times, phaseDifference);
        if (crossings.Length < 2)
            return Outcome("slip period T", double.NaN, expected, double.NaN, double.NaN, relativeTolerance,
                $"only {crossings.Length} 2π crossing(s) in the record; need at least 2");
        var measured = (crossings[^1] - crossings[0]) / (crossings.Length - 1);
        var worst = 0.0;
        for (var i = 1; i < crossings.Length; i++)
            worst = Math.Max(worst, Math.Abs(crossings[i] - crossings[i - 1] - expected) / expected);
        var absolute = Math.Abs(measured - expected);
        return Outcome("slip period T", measured, expected, absolute, absolute / expected, relativeTolerance,
            Inv($"mean of {crossings.Length - 1} intervals vs 2π/√(ΔΩ²−K²), relative to T; worst single interval {worst:E2}"));
    }

    /// <summary>
    /// Sampled trajectory against a reference trajectory at the same times: max_i |measured_i − expected_i|, relative
    /// to max_i |expected_i| (the scale of the trajectory; use for φ(t) against <see cref="AdlerClosedForm.PhaseDifference"/>).
    /// </summary>
    public static KuramotoCheckOutcome TrajectoryMatch(string quantity, IReadOnlyList<double> measured, IReadOnlyList<double> expected, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(expected);
        if (measured.Count != expected.Count || measured.Count == 0)
            throw new ArgumentException($"Need equally long, non-empty series; got {measured.Count} and {expected.Count}.");
        double worst = 0, scale = 0;
        var worstIndex = 0;
        for (var i = 0; i < measured.Count; i++)
        {
            var e = Math.Abs(measured[i] - expected[i]);
            if (double.IsNaN(e)) { worst = double.NaN; worstIndex = i; break; }
            if (e > worst) { worst = e; worstIndex = i; }
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        if (scale == 0) scale = 1;
        return Outcome(quantity, measured[worstIndex], expected[worstIndex], worst, worst / scale, relativeTolerance,
            Inv($"max over {measured.Count} samples (worst at index {worstIndex}), relative to max|expected| = {scale:G6}"));
    }

    /// <summary>Time average (1/(b − a)) ∫_a^b f dt by the trapezoidal rule over the samples with a ≤ t_i ≤ b.</summary>
    public static double TimeAverage(IReadOnlyList<double> times, IReadOnlyList<double> values, double windowStart, double windowEnd)
    {
        RequireSeries(times, values);
        if (!(windowEnd > windowStart)) throw new ArgumentException($"Empty window [{windowStart}, {windowEnd}].");
        double integral = 0, first = double.NaN, last = double.NaN;
        for (var i = 0; i + 1 < times.Count; i++)
        {
            if (times[i] < windowStart || times[i + 1] > windowEnd) continue;
            if (double.IsNaN(first)) first = times[i];
            last = times[i + 1];
            integral += 0.5 * (values[i] + values[i + 1]) * (times[i + 1] - times[i]);
        }
        if (double.IsNaN(first)) throw new ArgumentException($"No two samples inside the window [{windowStart}, {windowEnd}].");
        return integral / (last - first);
    }

    /// <summary>
    /// A stationary order parameter against its N → ∞ value inside the statistical band |r̄ − r∞| ≤ c/√N
    /// (finite-N fluctuations and realisation offsets of r are O(N^{−1/2}); c is the caller's stated constant).
    /// Relative error is |r̄ − r∞| in units of the band.
    /// </summary>
    public static KuramotoCheckOutcome OrderParameterInBand(double measured, double expected, int oscillatorCount, double bandConstant)
    {
        if (oscillatorCount <= 0) throw new ArgumentOutOfRangeException(nameof(oscillatorCount), oscillatorCount, "N must be ≥ 1.");
        if (!(bandConstant > 0)) throw new ArgumentOutOfRangeException(nameof(bandConstant), bandConstant, "The band constant c must be positive.");
        var band = bandConstant / Math.Sqrt(oscillatorCount);
        var absolute = Math.Abs(measured - expected);
        return Outcome("stationary r", measured, expected, absolute, absolute / band, band,
            Inv($"|r̄ − r∞| against the band c/√N = {bandConstant}/√{oscillatorCount}"), useAbsolute: true);
    }

    /// <summary>
    /// The coupling at which the mean order parameter r̄(K) first rises through <paramref name="threshold"/> (linear
    /// interpolation between the two scanned K around the crossing); NaN when it never does. The couplings must
    /// increase.
    /// </summary>
    public static double ThresholdCrossingCoupling(IReadOnlyList<double> couplings, IReadOnlyList<double> meanOrderParameter, double threshold)
    {
        RequireSeries(couplings, meanOrderParameter);
        for (var i = 0; i + 1 < couplings.Count; i++)
        {
            if (!(couplings[i + 1] > couplings[i])) throw new ArgumentException("Couplings must increase strictly.", nameof(couplings));
        }
        if (meanOrderParameter[0] >= threshold) return double.NaN;
        for (var i = 0; i + 1 < couplings.Count; i++)
        {
            var a = meanOrderParameter[i];
            var b = meanOrderParameter[i + 1];
            if (a < threshold && b >= threshold)
                return couplings[i] + (threshold - a) / (b - a) * (couplings[i + 1] - couplings[i]);
        }
        return double.NaN;
    }

    /// <summary>
    /// Critical coupling estimated from where r̄(K) departs from the incoherent level: the first up-crossing K× of
    /// the level r_thr, mapped back through the N → ∞ law r∞² = 1 − K_c/K, K_c ≈ K×(1 − r_thr²). Checked against the
    /// expected K_c with the stated relative band. The threshold must sit well above the finite-N incoherent and
    /// critical levels (O(N^{−1/2}) and O(N^{−1/5})).
    /// </summary>
    public static KuramotoCheckOutcome CriticalCoupling(IReadOnlyList<double> couplings, IReadOnlyList<double> meanOrderParameter, double threshold,
        double expectedCriticalCoupling, double relativeBand)
    {
        if (!(threshold > 0 && threshold < 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "r_thr must lie in (0, 1).");
        var crossing = ThresholdCrossingCoupling(couplings, meanOrderParameter, threshold);
        var measured = crossing * (1 - threshold * threshold);
        var absolute = Math.Abs(measured - expectedCriticalCoupling);
        return Outcome("critical coupling K_c", measured, expectedCriticalCoupling, absolute, absolute / Math.Abs(expectedCriticalCoupling), relativeBand,
            Inv($"K× = {crossing:G6} where r̄ crosses {threshold}, K_c ≈ K×(1 − r_thr²); relative to K_c"));
    }

    /// <summary>Least-squares slope p of log(error) against log(step): error ≈ C·step^p.</summary>
    public static double ObservedOrder(IReadOnlyList<double> steps, IReadOnlyList<double> errors)
    {
        RequireSeries(steps, errors);
        if (steps.Count < 2) throw new ArgumentException("Need at least two (step, error) pairs.");
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var n = steps.Count;
        for (var i = 0; i < n; i++)
        {
            if (!(steps[i] > 0) || !(errors[i] > 0)) return double.NaN;
            var x = Math.Log(steps[i]);
            var y = Math.Log(errors[i]);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /// <summary>Observed order against the scheme's order: |p_obs − p| ≤ tolerance.</summary>
    public static KuramotoCheckOutcome ObservedOrder(IReadOnlyList<double> steps, IReadOnlyList<double> errors, int expectedOrder, double tolerance)
    {
        var observed = ObservedOrder(steps, errors);
        var absolute = Math.Abs(observed - expectedOrder);
        return Outcome("observed order", observed, expectedOrder, absolute, absolute / expectedOrder, tolerance,
            Inv($"least-squares slope of log error vs log dt over {steps.Count} steps; pass when |p_obs − p| ≤ {tolerance}"), useAbsolute: true);
    }

    private static KuramotoCheckOutcome Outcome(string quantity, double measured, double expected, double absolute, double relative, double tolerance,
        string message, bool useAbsolute = false)
    {
        var error = useAbsolute ? absolute : relative;
        var passed = double.IsFinite(measured) && double.IsFinite(error) && error <= tolerance;
        return new KuramotoCheckOutcome(quantity, measured, expected, absolute, relative, tolerance, passed,
            Inv($"{quantity}: measured {measured:R}, expected {expected:R}; {message}; error {error:E3} vs tolerance {tolerance:E3}"));
    }

    /// <summary>x reduced modulo 2π into [−π, π).</summary>
    private static double WrapToPi(double x)
    {
        var twoPi = 2 * Math.PI;
        var y = x + Math.PI;
        y -= twoPi * Math.Floor(y / twoPi);
        return y - Math.PI;
    }

    /// <summary>Root in [t_i, t_{i+1}] of the cubic through the (up to) four samples around i, by bisection.</summary>
    private static double CubicCrossing(IReadOnlyList<double> times, IReadOnlyList<double> values, int i, double level)
    {
        var start = Math.Clamp(i - 1, 0, Math.Max(0, times.Count - 4));
        var points = Math.Min(4, times.Count);
        var tx = new double[points];
        var vx = new double[points];
        for (var m = 0; m < points; m++)
        {
            tx[m] = times[start + m];
            vx[m] = values[start + m] - level;
        }
        double a = times[i], b = times[i + 1];
        var fa = values[i] - level;
        for (var iteration = 0; iteration < 200 && b - a > 0; iteration++)
        {
            var mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) break;
            var fm = Lagrange(tx, vx, mid);
            if (fm == 0) return mid;
            if (Math.Sign(fm) == Math.Sign(fa)) { a = mid; fa = fm; }
            else b = mid;
        }
        return 0.5 * (a + b);
    }

    private static double Lagrange(double[] x, double[] y, double t)
    {
        var sum = 0.0;
        for (var m = 0; m < x.Length; m++)
        {
            var term = y[m];
            for (var q = 0; q < x.Length; q++)
            {
                if (q != m) term *= (t - x[q]) / (x[m] - x[q]);
            }
            sum += term;
        }
        return sum;
    }

    private static void RequireSeries(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Lengths differ: {x.Count} and {y.Count}.");
        if (x.Count == 0) throw new ArgumentException("Empty series.");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

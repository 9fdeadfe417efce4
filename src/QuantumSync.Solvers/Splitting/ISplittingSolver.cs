using System.Numerics;
using QuantumSync.Numerics.Fft;
using QuantumSync.Solvers.SchrodingerLohe;

namespace QuantumSync.Solvers.Splitting;

/// <summary>What a sampling loop needs of a splitting solver (<see cref="SplitStepSolver"/>,
/// <see cref="WignerLohe.WignerLoheSolver"/>): advance to a sample time, read the correlations z_jk.</summary>
public interface ISplittingSolver : IDisposable
{
    /// <summary>The scheme run.</summary>
    SplittingScheme Scheme { get; }

    /// <summary>dt.</summary>
    double TimeStep { get; }

    /// <summary>The FFT backend.</summary>
    IFftBackend Backend { get; }

    /// <summary>N.</summary>
    int Oscillators { get; }

    /// <summary>Advances to <paramref name="time"/> (a multiple of dt, not before the current time) and brings the state
    /// up to date, checking <paramref name="cancellation"/> between steps.</summary>
    void AdvanceTo(double time, CancellationToken cancellation);

    /// <summary>z_jk at the current time (row-major N×N).</summary>
    void Correlations(Span<Complex> z);
}

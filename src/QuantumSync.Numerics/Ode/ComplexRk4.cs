using System.Numerics;

namespace QuantumSync.Numerics.Ode;

/// <summary>Right-hand side y' = f(y) of an autonomous complex system, written into <c>dydt</c>.</summary>
public delegate void ComplexDerivative(Complex[] y, Complex[] dydt);

/// <summary>
/// Classical fourth-order Runge–Kutta for small complex systems (the N×N mixing-matrix flows of the Lohe coupling in
/// both split-step solvers). Owns its stage buffers, so a step allocates nothing; one instance per solver.
/// </summary>
public sealed class ComplexRk4(int dimension)
{
    private readonly Complex[] _k1 = new Complex[dimension], _k2 = new Complex[dimension], _k3 = new Complex[dimension],
        _k4 = new Complex[dimension], _stage = new Complex[dimension];

    /// <summary>y ← y + h/6 (k1 + 2k2 + 2k3 + k4), in place.</summary>
    public void Step(Complex[] y, double h, ComplexDerivative f)
    {
        f(y, _k1);
        Axpy(y, h / 2, _k1, _stage); f(_stage, _k2);
        Axpy(y, h / 2, _k2, _stage); f(_stage, _k3);
        Axpy(y, h, _k3, _stage); f(_stage, _k4);
        for (var i = 0; i < y.Length; i++) y[i] += h / 6 * (_k1[i] + 2 * _k2[i] + 2 * _k3[i] + _k4[i]);
    }

    private static void Axpy(Complex[] x, double a, Complex[] y, Complex[] result)
    {
        for (var i = 0; i < x.Length; i++) result[i] = x[i] + a * y[i];
    }
}

using System.Numerics;
using System.Text.Json;
using ConvergenceSuite.Harness.Regression;
using QuantumSync.Models.SchrodingerLohe;
using QuantumSync.Numerics;
using QuantumSync.Solvers.SchrodingerLohe;

namespace StandInSolver;

/// <summary>
/// Implements verification/examples/CONTRACT.md in a separate process: reads problem.json and the .npy arrays, runs
/// <see cref="SplitStepSolver"/> and writes times.npy, z_*.npy and states_*.npy. "--mode M" makes it misbehave the ways
/// the harness must survive: exit (code 7), hang (sleeps past any timeout), missing (writes no z_im.npy), malformed
/// (z_re.npy is not .npy), nan (a NaN in z), short (too few values), wrong-times (shifted sample times), wrong-coupling (a valid output of the wrong problem: K × 1.5); unsupported answers the capability question with out/unsupported.txt (as every mode does for a model other than S-L).
/// Usage: StandInSolver [--mode M] PROBLEM_FOLDER.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var mode = "ok";
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == "--mode") mode = args[i + 1];
        var folder = args[^1];
        switch (mode)
        {
            case "exit":
                Console.Error.WriteLine("stand-in: failing on purpose");
                return 7;
            case "hang":
                Thread.Sleep(TimeSpan.FromMinutes(10));
                return 0;
            case "unsupported":
                File.WriteAllText(Path.Combine(folder, "out", "unsupported.txt"), "this stand-in does no splitting today\n");
                return 0;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "problem.json")));
        var p = doc.RootElement;
        if (p.GetProperty("model").GetString() != "schrodinger-lohe")
        {
            File.WriteAllText(Path.Combine(folder, "out", "unsupported.txt"), "the stand-in runs Schrödinger-Lohe problems only\n");
            return 0;
        }
        var sizes = p.GetProperty("grid").GetProperty("points").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var lengths = p.GetProperty("grid").GetProperty("lengths").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var grid = new PeriodicGrid(sizes, lengths);
        var potentials = p.GetProperty("potentials").EnumerateArray().Select(e => Read(folder, e.GetString()!)).ToArray();
        var initial = p.GetProperty("initial").EnumerateArray().Select(e =>
        {
            var re = Read(folder, e.GetProperty("re").GetString()!);
            var im = Read(folder, e.GetProperty("im").GetString()!);
            return re.Select((r, i) => new Complex(r, im[i])).ToArray();
        }).ToArray();
        var coupling = p.GetProperty("coupling").GetDouble() * (mode == "wrong-coupling" ? 1.5 : 1.0);
        var problem = new SchrodingerLoheProblem(grid, coupling, potentials, initial);
        var times = p.GetProperty("sampleTimes").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var storeStates = p.GetProperty("storeStates").GetBoolean();
        var n = problem.Oscillators;
        using var solver = new SplitStepSolver(problem, SplittingSchemes.Get(p.GetProperty("scheme").GetString()!), p.GetProperty("dt").GetDouble());
        var z = new List<double>[] { [], [] };
        var states = new List<double>[] { [], [] };
        var buffer = new Complex[n * n];
        foreach (var t in times)
        {
            solver.AdvanceTo(t);
            solver.Correlations(buffer);
            foreach (var v in buffer) { z[0].Add(v.Real); z[1].Add(v.Imaginary); }
            if (storeStates)
                for (var j = 0; j < n; j++)
                    foreach (var v in solver.State(j).ToArray()) { states[0].Add(v.Real); states[1].Add(v.Imaginary); }
        }
        if (mode == "nan") z[0][z[0].Count / 2] = double.NaN;
        if (mode == "short") z[1].RemoveAt(z[1].Count - 1);
        if (mode == "wrong-times") times = times.Select(t => t + 0.5).ToArray();
        var output = Path.Combine(folder, p.GetProperty("output").GetString()!);
        Directory.CreateDirectory(output);
        File.WriteAllBytes(Path.Combine(output, "times.npy"), NpyArray.Write(times));
        File.WriteAllBytes(Path.Combine(output, "z_re.npy"), mode == "malformed" ? "not a numpy file"u8.ToArray() : NpyArray.Write(z[0]));
        if (mode != "missing") File.WriteAllBytes(Path.Combine(output, "z_im.npy"), NpyArray.Write(z[1]));
        if (storeStates)
        {
            File.WriteAllBytes(Path.Combine(output, "states_re.npy"), NpyArray.Write(states[0]));
            File.WriteAllBytes(Path.Combine(output, "states_im.npy"), NpyArray.Write(states[1]));
        }
        File.WriteAllText(Path.Combine(output, "solver.json"), """{ "name": "stand-in", "version": "1.0.0-test", "commit": "0123abc", "backend": "C# SplitStepSolver in a child process" }""");
        return 0;
    }

    private static double[] Read(string folder, string name) => NpyArray.Read(File.ReadAllBytes(Path.Combine(folder, name)), name);
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConvergenceSuite.Abstractions;

namespace ConvergenceSuite.Harness.External;

/// <summary>
/// "solver": "external" — a solver written in any language, run as a process under the contract of
/// verification/examples/CONTRACT.md: the harness writes the discretised problem (problem.json and .npy arrays) into a
/// fresh folder, runs the case's command without a shell (the folder appended as the last argument) under a wall-clock
/// limit, and reads the trajectory back. A non-zero exit, a timeout, missing or malformed output and non-finite values
/// throw <see cref="ExternalSolverException"/>, which the runner records as that case's error; the other cases still run.
/// </summary>
public sealed class ExternalSolverAdapter : ISolverUnderTest
{
    /// <summary>Set to 1 to keep the problem folders (for debugging an adapter); they are deleted otherwise.</summary>
    public const string KeepFoldersVariable = "CONVERGENCESUITE_KEEP_EXTERNAL";

    /// <summary>Characters of the process's stderr/stdout quoted in an error message (the tail, where errors usually are).</summary>
    private const int QuotedOutputLength = 1500;

    /// <inheritdoc />
    public string Name => ExternalCommands.SolverName;

    /// <inheritdoc />
    public IReadOnlyCollection<ModelKind> Models { get; } = [ModelKind.SchrodingerLohe, ModelKind.WignerLohe, ModelKind.Kuramoto];

    /// <inheritdoc />
    public Trajectory Run(Problem problem, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes = null, CancellationToken cancellation = default)
    {
        if (problem is KuramotoSpec kuramoto) return RunKuramoto(kuramoto, resolution, sampleTimes, cancellation);
        if (problem is WignerLoheSpec wigner) return RunWignerLohe(wigner, resolution, storeStates, sampleTimes, cancellation);
        if (problem is not SchrodingerLoheSpec spec) throw new NotSupportedException($"{Name} runs Schrödinger-Lohe, Wigner-Lohe and Kuramoto problems, not {problem.Model}.");
        var command = CommandFor(problem);
        var discrete = spec.Discretise(resolution.GridPoints);
        var times = sampleTimes ?? spec.SampleTimes;
        return InProblemFolder(command, cancellation,
            folder => ExternalContract.WriteProblem(folder, discrete, resolution.Scheme, resolution.TimeStep, times, storeStates),
            (folder, watch) =>
            {
                var output = ExternalContract.ReadOutput(folder, discrete.Oscillators, discrete.Grid.Count, times, storeStates, discrete.Grid.Sizes);
                return new Trajectory(output.Name is { Length: > 0 } n ? $"{Name}:{n}" : Name, output.Scheme ?? resolution.Scheme, output.Backend ?? "external process",
                    resolution.TimeStep, discrete.Grid, discrete.Oscillators, output.Times, output.Correlations, output.States, watch.Elapsed.TotalSeconds)
                {
                    Provenance = output.Provenance,
                };
            });
    }

    /// <summary>A Wigner-Lohe case through the contract (model "wigner-lohe"): the harness samples the initial fields itself
    /// (<see cref="WignerLoheSpec.Discretise"/>), the solver returns z and, when asked, the fields; the trajectory carries
    /// them as the built-in W-L adapter does (<see cref="WignerLohePayload"/>: the phase-space grid, the harness's discrete
    /// problem, the returned fields), so every W-L check reads an external run like a built-in one.</summary>
    private Trajectory RunWignerLohe(WignerLoheSpec spec, Resolution resolution, bool storeStates, IReadOnlyList<double>? sampleTimes, CancellationToken cancellation)
    {
        var command = CommandFor(spec);
        var discrete = spec.Discretise(resolution.GridPoints);
        var times = sampleTimes ?? spec.SampleTimes;
        return InProblemFolder(command, cancellation,
            folder => ExternalContract.WriteWignerProblem(folder, discrete, resolution.Scheme, resolution.TimeStep, times, storeStates),
            (folder, watch) =>
            {
                var (output, fields) = ExternalContract.ReadWignerOutput(folder, discrete.Oscillators, discrete.Grid.XGrid.Sizes, times, storeStates);
                return new Trajectory(output.Name is { Length: > 0 } n ? $"{Name}:{n}" : Name, output.Scheme ?? resolution.Scheme, output.Backend ?? "external process",
                    resolution.TimeStep, discrete.Grid.XGrid, discrete.Oscillators, output.Times, output.Correlations, null, watch.Elapsed.TotalSeconds)
                {
                    Provenance = output.Provenance,
                    Payload = new WignerLohePayload(discrete.Grid, discrete, fields),
                };
            });
    }

    /// <summary>Missing-command error of a problem that reached this adapter without its case's external block.</summary>
    private static ExternalCommand CommandFor(Problem problem) => ExternalCommands.For(problem)
        ?? throw new ExternalSolverException("no external command is attached to this problem (a case with \"solver\": \"external\" gives one in its \"external\" block)");

    /// <summary>
    /// One run through the contract in a fresh problem folder: <paramref name="write"/> the problem, run the command,
    /// turn an out/unsupported.txt answer into <see cref="NotSupportedException"/>, <paramref name="read"/> the output
    /// (with the stopwatch started before writing), and delete the folder unless <see cref="KeepFoldersVariable"/> is 1.
    /// </summary>
    private static T InProblemFolder<T>(ExternalCommand command, CancellationToken cancellation, Action<string> write, Func<string, Stopwatch, T> read)
    {
        var folder = Path.Combine(Path.GetTempPath(), "convergence-suite-external", Guid.NewGuid().ToString("N"));
        var watch = Stopwatch.StartNew();
        try
        {
            write(folder);
            Execute(command, folder, cancellation);
            var unsupported = Path.Combine(folder, "out", ExternalContract.UnsupportedFile);
            if (File.Exists(unsupported))
                throw new NotSupportedException($"the external solver answered out/{ExternalContract.UnsupportedFile}: {File.ReadAllText(unsupported).Trim()}");
            return read(folder, watch);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable(KeepFoldersVariable) != "1")
            {
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>One run: through the persistent process serving the command when it is persistent, else a process of its own.</summary>
    public static void Execute(ExternalCommand command, string problemFolder, CancellationToken cancellation = default)
    {
        if (command.Persistent) PersistentSolverProcess.Solve(command, problemFolder, cancellation);
        else RunProcess(command, problemFolder, cancellation);
    }

    /// <summary>A Kuramoto case through the contract (model "kuramoto"): the solver returns unwrapped phases; the
    /// trajectory is built as the built-in Kuramoto adapter builds it (z_jk = e^{i(θ_j − θ_k)}, the phases as payload),
    /// so every Kuramoto check reads it the same way.</summary>
    private Trajectory RunKuramoto(KuramotoSpec spec, Resolution resolution, IReadOnlyList<double>? sampleTimes, CancellationToken cancellation)
    {
        var command = CommandFor(spec);
        var times = sampleTimes ?? spec.SampleTimes;
        var model = spec.Kuramoto;
        return InProblemFolder(command, cancellation,
            folder => ExternalContract.WriteKuramotoProblem(folder, model, resolution.Scheme, resolution.TimeStep, spec.AbsoluteTolerance, spec.RelativeTolerance, times),
            (folder, watch) =>
            {
                // |dθ_j/dt| ≤ |Ω_j| + |K| (the coupling term is a mean of sines): no phase can move further between samples.
                var omegaMax = 0.0;
                foreach (var w in model.NaturalFrequencies) omegaMax = Math.Max(omegaMax, Math.Abs(w));
                var gap = times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
                var bound = (omegaMax + Math.Abs(model.Coupling)) * gap * (1 + 1e-6) + 1e-9;
                var (read, phases) = ExternalContract.ReadKuramotoOutput(folder, spec.Oscillators, times, bound);
                var n = spec.Oscillators;
                var order = phases.Select(theta => theta.Aggregate(System.Numerics.Complex.Zero, (acc, x) => acc + System.Numerics.Complex.FromPolarCoordinates(1, x)) / n).ToArray();
                var result = new QuantumSync.Models.Kuramoto.KuramotoTrajectory(resolution.Scheme, read, phases, order, phases[^1], 0, 0, 0);
                return new Trajectory(Name, resolution.Scheme, "external process", resolution.TimeStep, null, n, read,
                    new Kuramoto.PhaseCorrelations(phases, n), null, watch.Elapsed.TotalSeconds)
                {
                    Payload = result,
                };
            });
    }

    /// <summary>Runs the command with the problem folder appended; throws on a start failure, timeout or non-zero exit.</summary>
    public static void RunProcess(ExternalCommand command, string problemFolder, CancellationToken cancellation = default)
    {
        var info = new ProcessStartInfo(command.Command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = command.WorkingDirectory,
        };
        foreach (var a in command.Command.Skip(1)) info.ArgumentList.Add(a);
        info.ArgumentList.Add(problemFolder);
        info.Environment["CONVERGENCESUITE_PROBLEM"] = problemFolder;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) Append(stdout, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) Append(stderr, e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExternalSolverException($"could not start {Quote(command.Command[0])}: {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(command.TimeoutSeconds));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellation);
        try
        {
            process.WaitForExitAsync(linked.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            cancellation.ThrowIfCancellationRequested();
            throw new ExternalSolverException(string.Create(CultureInfo.InvariantCulture,
                $"{Quote(command.Command[0])} timed out after {command.TimeoutSeconds:G4} s and was killed{Tail("stderr", stderr)}"));
        }
        process.WaitForExit(); // drains the asynchronous readers
        if (process.ExitCode != 0)
            throw new ExternalSolverException(string.Create(CultureInfo.InvariantCulture,
                $"{Quote(command.Command[0])} exited with code {process.ExitCode}{Tail("stderr", stderr)}{Tail("stdout", stdout)}"));
    }

    private static void Append(StringBuilder b, string line)
    {
        b.AppendLine(line);
        if (b.Length > 4 * QuotedOutputLength) b.Remove(0, b.Length - 2 * QuotedOutputLength);
    }

    private static string Tail(string name, StringBuilder b)
    {
        string text;
        lock (b) text = b.ToString().Trim();
        if (text.Length == 0) return "";
        if (text.Length > QuotedOutputLength) text = "…" + text[^QuotedOutputLength..];
        return $"; {name}: {text.ReplaceLineEndings(" | ")}";
    }

    private static string Quote(string program) => Path.GetFileName(program) is { Length: > 0 } name ? name : program;
}

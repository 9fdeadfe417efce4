using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ConvergenceSuite.Harness.External;

/// <summary>
/// Persistent mode of the process contract (verification/examples/CONTRACT.md, "Persistent mode"): one process serves
/// every run of a case. The harness starts the command once (nothing appended; <c>CONVERGENCESUITE_PERSISTENT=1</c> in
/// the environment), and for each run writes the problem folder's absolute path and a newline to the process's stdin;
/// the process answers one line on stdout, <c>done</c> (out/ is written) or <c>error MESSAGE</c> (this run failed, the
/// process keeps serving). Anything else on stdout is a protocol violation. A run that exceeds the command's timeout, a
/// garbage answer, or the process ending before it answers kills the process (its whole tree) and fails that run with a
/// message naming what happened; the next run starts a fresh process. At the end (<see cref="Close"/>: end of the case,
/// of a contract test, or of the harness process) stdin is closed, the process gets
/// <see cref="GracefulExitMilliseconds"/> to exit, and is killed otherwise; a cancelled run (Ctrl-C, a case budget) kills it at once.
/// </summary>
public sealed class PersistentSolverProcess : IDisposable
{
    /// <summary>The answer to a problem that was solved.</summary>
    public const string DoneAnswer = "done";

    /// <summary>The prefix of the answer to a problem that failed (the rest of the line is the message).</summary>
    public const string ErrorPrefix = "error ";

    /// <summary>Time a process gets to exit after its stdin is closed before it is killed: a numpy adapter returns from its
    /// read loop at once; 5 s covers interpreter shutdown on a loaded machine.</summary>
    public const int GracefulExitMilliseconds = 5000;

    /// <summary>Characters of stderr quoted in an error message.</summary>
    private const int QuotedOutputLength = 1500;

    private static readonly Dictionary<ExternalCommand, PersistentSolverProcess> Live = new(ReferenceEqualityComparer.Instance);

    static PersistentSolverProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseAll();
    }

    private readonly ExternalCommand _command;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private bool _broken;

    private PersistentSolverProcess(ExternalCommand command, Process process)
    {
        _command = command;
        _process = process;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ExternalCommand, StrongBox> Starts = new();

    private sealed class StrongBox
    {
        public int Value;
    }

    /// <summary>Processes started for <paramref name="command"/> so far (1 when one process served every run).</summary>
    public static int StartsFor(ExternalCommand command) => Starts.TryGetValue(command, out var box) ? Volatile.Read(ref box.Value) : 0;

    /// <summary>Live persistent processes (0 after every case has ended).</summary>
    public static int LiveCount
    {
        get
        {
            lock (Live) return Live.Count;
        }
    }

    /// <summary>Process id of the live process serving <paramref name="command"/>, or null.</summary>
    public static int? ProcessId(ExternalCommand command)
    {
        lock (Live) return Live.TryGetValue(command, out var p) ? p._process.Id : null;
    }

    /// <summary>Has the process serving <paramref name="command"/> solve the problem in <paramref name="problemFolder"/>
    /// (starting it if none is live); throws <see cref="ExternalSolverException"/> naming what went wrong.</summary>
    public static void Solve(ExternalCommand command, string problemFolder, CancellationToken cancellation = default)
    {
        PersistentSolverProcess server;
        lock (Live)
        {
            if (!Live.TryGetValue(command, out server!) || server._broken)
            {
                server?.Dispose();
                Live[command] = server = Start(command);
            }
        }
        try
        {
            server.Request(problemFolder, cancellation);
        }
        finally
        {
            if (server._broken)
            {
                lock (Live)
                    if (Live.TryGetValue(command, out var current) && ReferenceEquals(current, server)) Live.Remove(command);
                server.Dispose();
            }
        }
    }

    /// <summary>Ends the process serving <paramref name="command"/>, if any: stdin closed, killed after
    /// <see cref="GracefulExitMilliseconds"/>.</summary>
    public static void Close(ExternalCommand command)
    {
        PersistentSolverProcess? server;
        lock (Live)
        {
            if (!Live.Remove(command, out server)) return;
        }
        server.Dispose();
    }

    /// <summary>Ends every live process (at the end of the harness process).</summary>
    public static void CloseAll()
    {
        List<PersistentSolverProcess> all;
        lock (Live)
        {
            all = [.. Live.Values];
            Live.Clear();
        }
        foreach (var p in all) p.Dispose();
    }

    private static PersistentSolverProcess Start(ExternalCommand command)
    {
        var info = new ProcessStartInfo(command.Command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = command.WorkingDirectory,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var a in command.Command.Skip(1)) info.ArgumentList.Add(a);
        info.Environment["CONVERGENCESUITE_PERSISTENT"] = "1";
        var process = new Process { StartInfo = info };
        var server = new PersistentSolverProcess(command, process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (server._stderr)
            {
                server._stderr.AppendLine(e.Data);
                if (server._stderr.Length > 4 * QuotedOutputLength) server._stderr.Remove(0, server._stderr.Length - 2 * QuotedOutputLength);
            }
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new ExternalSolverException($"could not start {Quote(command.Command[0])} (persistent): {e.Message}");
        }
        Interlocked.Increment(ref Starts.GetOrCreateValue(command).Value);
        process.StandardInput.AutoFlush = true;
        process.StandardInput.NewLine = "\n";
        process.BeginErrorReadLine();
        return server;
    }

    private void Request(string problemFolder, CancellationToken cancellation)
    {
        if (problemFolder.Contains('\n') || problemFolder.Contains('\r'))
            throw new ArgumentException("a problem folder path with a line break cannot be sent over the line protocol", nameof(problemFolder));
        lock (_gate)
        {
            var program = Quote(_command.Command[0]);
            try
            {
                _process.StandardInput.WriteLine(Path.GetFullPath(problemFolder));
            }
            catch (IOException)
            {
                throw Died(program, "before it was sent the problem");
            }
            string? answer;
            var read = _process.StandardOutput.ReadLineAsync(CancellationToken.None).AsTask();
            try
            {
                answer = read.WaitAsync(TimeSpan.FromSeconds(_command.TimeoutSeconds), cancellation).GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
                Kill();
                throw new ExternalSolverException(string.Create(CultureInfo.InvariantCulture,
                    $"{program} (persistent) timed out after {_command.TimeoutSeconds:G4} s without answering and was killed{Tail()}"));
            }
            catch (OperationCanceledException)
            {
                Kill();
                throw;
            }
            if (answer is null) throw Died(program, "before answering");
            answer = answer.TrimEnd('\r');
            if (answer == DoneAnswer) return;
            if (answer.StartsWith(ErrorPrefix, StringComparison.Ordinal))
                throw new ExternalSolverException($"{program} (persistent) answered error: {answer[ErrorPrefix.Length..].Trim()}{Tail()}");
            Kill();
            var shown = answer.Length > 200 ? answer[..200] + "…" : answer;
            throw new ExternalSolverException($"{program} (persistent) answered \"{shown}\" instead of \"{DoneAnswer}\" or \"{ErrorPrefix}MESSAGE\" (stdout is for the protocol only; write logs to stderr); it was killed{Tail()}");
        }
    }

    private ExternalSolverException Died(string program, string when)
    {
        _broken = true;
        if (_process.WaitForExit(GracefulExitMilliseconds)) _process.WaitForExit(); // drains stderr
        var code = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
        if (!_process.HasExited) Kill();
        return new ExternalSolverException($"{program} (persistent) exited with code {code} {when}{Tail()}");
    }

    private void Kill()
    {
        _broken = true;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.WaitForExit(GracefulExitMilliseconds);
    }

    private string Tail()
    {
        string text;
        lock (_stderr) text = _stderr.ToString().Trim();
        if (text.Length == 0) return "";
        if (text.Length > QuotedOutputLength) text = "…" + text[^QuotedOutputLength..];
        return $"; stderr: {text.ReplaceLineEndings(" | ")}";
    }

    private static string Quote(string program) => Path.GetFileName(program) is { Length: > 0 } name ? name : program;

    /// <summary>Closes stdin and waits <see cref="GracefulExitMilliseconds"/> for the process to exit, then kills it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                try { _process.StandardInput.Close(); }
                catch (IOException) { }
                if (!_process.WaitForExit(GracefulExitMilliseconds)) Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

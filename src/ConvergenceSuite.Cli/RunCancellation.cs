using System.Runtime.InteropServices;

namespace ConvergenceSuite.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for the long verbs: the first signal cancels <see cref="Token"/>, which the runners pass to
/// every solver run (checked every few steps) and to external solver processes (killed with their whole process tree);
/// the verb then writes no report and exits <see cref="CommandLine.Cancelled"/>. Work that does not look at the token
/// (a long check, a ledger entry) is cut short by a watchdog: <see cref="GraceSeconds"/> after the signal the process
/// exits 130 anyway. A second signal exits at once. Reports are written only after a run completes, to temporary files
/// renamed into place, so a cancelled run never leaves a report that looks complete.
/// </summary>
public static class RunCancellation
{
    /// <summary>Seconds between the signal and the forced exit: the issue asks for a stop within 1–2 s; external
    /// processes are killed at once when the token fires, well before this.</summary>
    public const double GraceSeconds = 1.5;

    private static readonly CancellationTokenSource Source = new();
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int _signals;

    /// <summary>Cancelled by the first Ctrl-C or SIGTERM after <see cref="Install"/>; never cancelled otherwise.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>Installs the handlers once (idempotent); tests calling verbs in-process do not need them.</summary>
    public static void Install()
    {
        lock (Registrations)
        {
            if (Registrations.Count > 0) return;
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
                Registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // keep the process alive: we stop in order
        if (Interlocked.Increment(ref _signals) > 1) Environment.Exit(CommandLine.Cancelled);
        Console.Error.WriteLine($"\n{context.Signal}: cancelling the run (no report is written); exiting {CommandLine.Cancelled}");
        Source.Cancel();
        var watchdog = new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(GraceSeconds));
            Console.Error.WriteLine("cancelled: forced exit after the grace period");
            Environment.Exit(CommandLine.Cancelled);
        }) { IsBackground = true };
        watchdog.Start();
    }
}

using NUnit.Framework;

// Fixtures run in parallel (NUnit's default worker count: one per core). Safe because the code under test keeps no mutable
// global state except (a) FFTW's planner, which FftwBackend serialises under a global lock (execution is thread-safe),
// (b) the scheme/check/solver registries, which lock. The claims ledger's LedgerCache and solver selection are scoped to
// the execution context of each ledger run (AsyncLocal), so parallel fixtures running the ledger do not share them. Fixtures that redirect Console are
// [NonParallelizable]. Every test writes to its own temporary folder.
[assembly: Parallelizable(ParallelScope.Fixtures)]

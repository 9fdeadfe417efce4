using NUnit.Framework;

// Fixtures run in parallel (NUnit's default worker count: one per core). The solvers keep no global state; FFTW planning
// is serialised by FftwBackend under a global lock and execution is thread-safe; allocation tests count this thread's
// allocations only (GC.GetAllocatedBytesForCurrentThread), so concurrent fixtures cannot leak into them.
[assembly: Parallelizable(ParallelScope.Fixtures)]

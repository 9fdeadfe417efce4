using System.Reflection;
using System.Runtime.Loader;
using ConvergenceSuite.Abstractions;

namespace ConvergenceSuite.Harness.Solvers;

/// <summary>A solver assembly that cannot be loaded or holds no usable solver; the message names the file and the problem.</summary>
public sealed class SolverAssemblyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads solvers under test from an assembly built outside this repository (<c>verify --solver-assembly PATH</c>).
/// Each assembly gets its own <see cref="AssemblyLoadContext"/> whose dependencies are resolved from the assembly's
/// own folder and <c>.deps.json</c> (so a solver may carry its own packages, at versions the harness does not use),
/// except the assemblies that define the contract between solver and harness (the harness and the libraries it is
/// built on): those always come from the harness's context, so the solver's <see cref="ISolverUnderTest"/> is the
/// harness's type and not a second copy of it.
/// </summary>
public static class SolverAssemblies
{
    /// <summary>Every public, non-abstract <see cref="ISolverUnderTest"/> with a public parameterless constructor in
    /// the assembly at <paramref name="path"/>, instantiated. Throws <see cref="SolverAssemblyException"/> when the file
    /// is missing or not a .NET assembly, a type cannot be loaded or constructed, or the assembly holds no solver.</summary>
    public static IReadOnlyList<ISolverUnderTest> Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new SolverAssemblyException($"solver assembly {full} does not exist");
        Assembly assembly;
        try
        {
            assembly = new SolverLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException e)
        {
            throw new SolverAssemblyException($"solver assembly {full} is not a .NET assembly: {e.Message}", e);
        }
        catch (FileLoadException e)
        {
            throw new SolverAssemblyException($"solver assembly {full} could not be loaded: {e.Message}", e);
        }

        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var detail = e is ReflectionTypeLoadException r && r.LoaderExceptions.FirstOrDefault(x => x is not null) is { } first ? first.Message : e.Message;
            throw new SolverAssemblyException($"solver assembly {full}: its types could not be loaded ({detail}); is it built against this version of ConvergenceSuite.Abstractions ({typeof(ISolverUnderTest).Assembly.GetName().Version})?", e);
        }

        var solverTypes = types
            .Where(t => typeof(ISolverUnderTest).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        if (solverTypes.Count == 0)
        {
            var foreign = types.FirstOrDefault(t => t.GetInterfaces().Any(i => i.FullName == typeof(ISolverUnderTest).FullName));
            throw new SolverAssemblyException(foreign is null
                ? $"solver assembly {full} has no public class implementing {typeof(ISolverUnderTest).FullName}"
                : $"solver assembly {full}: {foreign.FullName} implements a different copy of {typeof(ISolverUnderTest).FullName} (from {foreign.GetInterfaces().First(i => i.FullName == typeof(ISolverUnderTest).FullName).Assembly.Location}); reference the ConvergenceSuite.Abstractions package the tool ships");
        }

        var solvers = new List<ISolverUnderTest>();
        foreach (var type in solverTypes)
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
                throw new SolverAssemblyException($"solver assembly {full}: {type.FullName} has no public parameterless constructor, so the harness cannot create it");
            try
            {
                solvers.Add((ISolverUnderTest)Activator.CreateInstance(type)!);
            }
            catch (TargetInvocationException e)
            {
                throw new SolverAssemblyException($"solver assembly {full}: the constructor of {type.FullName} threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}", e);
            }
        }
        return solvers;
    }

    /// <summary>The built-in solvers together with those loaded from <paramref name="paths"/>. A loaded solver whose
    /// name is already taken (by a built-in solver or an earlier assembly) is an error naming both, since a case names
    /// its solver and must not silently get a different one.</summary>
    public static IReadOnlyList<ISolverUnderTest> WithBuiltIn(IEnumerable<string> paths)
    {
        var all = VerificationRunnerSolvers().ToList();
        var origin = all.ToDictionary(s => s.Name, _ => "the built-in solvers", StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var solver in Load(path))
            {
                if (origin.TryGetValue(solver.Name, out var first))
                    throw new SolverAssemblyException($"solver assembly {Path.GetFullPath(path)}: a solver named '{solver.Name}' ({solver.GetType().FullName}) is already registered by {first}; give it another Name");
                origin[solver.Name] = Path.GetFullPath(path);
                all.Add(solver);
            }
        }
        return all;
    }

    private static IEnumerable<ISolverUnderTest> VerificationRunnerSolvers() => Running.VerificationRunner.BuiltInSolvers();

    /// <summary>Resolves a solver's own dependencies next to it; the contract assemblies fall through to the default
    /// context (returning null from <see cref="Load"/> does that).</summary>
    private sealed class SolverLoadContext(string mainAssembly) : AssemblyLoadContext($"solver:{Path.GetFileName(mainAssembly)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        /// <summary>Assemblies shared with the harness: the harness, its model/solver/numerics libraries and anything
        /// already loaded in the default context under the same name (the framework, MathNet, ...). Sharing these is
        /// what makes the solver's types the harness's types.</summary>
        private static bool Shared(AssemblyName name) =>
            name.Name is { } n && (n.StartsWith("ConvergenceSuite.", StringComparison.Ordinal) || n.StartsWith("QuantumSync.", StringComparison.Ordinal)
                                   || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, n, StringComparison.Ordinal)));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (Shared(assemblyName)) return null;
            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}

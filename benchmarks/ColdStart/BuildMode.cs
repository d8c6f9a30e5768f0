namespace Portable.Benchmarks.ColdStart;

/// <summary>How a subject is built; the ratio column compares subjects of the same mode.</summary>
internal enum BuildMode
{
    /// <summary>Framework-dependent IL, JIT-compiled at start (the shared framework is precompiled).</summary>
    Jit,

    /// <summary>Framework-dependent, app assemblies precompiled with ReadyToRun (linux-x64).</summary>
    ReadyToRun,

    /// <summary>Native AOT single binary (linux-x64).</summary>
    NativeAot,

    /// <summary>A Node.js program (peer, not built).</summary>
    Node,
}

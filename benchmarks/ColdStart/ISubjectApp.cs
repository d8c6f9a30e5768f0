namespace Portable.Benchmarks.ColdStart;

/// <summary>A program under test, before it is built for a mode.</summary>
internal interface ISubjectApp
{
    /// <summary>Short name used in folder names and logs.</summary>
    string Name { get; }

    /// <summary>Build modes this app can be measured in.</summary>
    IReadOnlyList<BuildMode> Modes { get; }

    /// <summary>
    /// Builds (outside any timing) and returns how to start it, or <see langword="null"/> with a
    /// printed reason when it cannot be built here (missing tool, failed publish).
    /// </summary>
    PreparedApp? Prepare(BuildMode mode, Workspace workspace);
}

namespace Portable.Benchmarks.ColdStart;

/// <summary>A subject in one build mode, published and ready to run.</summary>
/// <param name="Spec">What it is.</param>
/// <param name="Mode">How it was built.</param>
/// <param name="App">How to start it.</param>
internal sealed record Subject(SubjectSpec Spec, BuildMode Mode, PreparedApp App)
{
    public string Key => $"{Spec.Id}/{Mode.Label()}";

    public string? BaselineKey => Spec.BaselineId is { } id ? $"{id}/{Mode.Label()}" : null;
}

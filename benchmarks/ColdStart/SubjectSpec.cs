namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// One row family of the report: an app, how to tell it answered, and which baseline it is compared
/// with. It is measured once per build mode of its app.
/// </summary>
/// <param name="Id">Short id used on the command line (<c>--subjects knative,slim</c>).</param>
/// <param name="Title">Row title in the report.</param>
/// <param name="App">The program.</param>
/// <param name="Probe">What counts as its first response.</param>
/// <param name="BaselineId">Id of the baseline of the same build mode, or <see langword="null"/> for a baseline or peer.</param>
/// <param name="Environment">Extra environment for the process (platform detection variables).</param>
/// <param name="MissingReason">Why it cannot run on this checkout (an adapter not merged yet), or <see langword="null"/>.</param>
internal sealed record SubjectSpec(
    string Id,
    string Title,
    ISubjectApp App,
    IProbe Probe,
    string? BaselineId,
    IReadOnlyDictionary<string, string> Environment,
    string? MissingReason = null);

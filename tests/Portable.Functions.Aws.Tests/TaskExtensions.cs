namespace Portable.Functions.Aws.Tests;

/// <summary>Fire-and-forget for invocations a test does not wait on.</summary>
internal static class TaskExtensions
{
    public static void Ignore(this Task task) => task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
}

using Microsoft.Azure.Functions.Worker;
using WorkerContext = Microsoft.Azure.Functions.Worker.FunctionContext;
using Microsoft.Azure.Functions.Worker.Invocation;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions.Azure.Worker;

/// <summary>
/// The method every portable function's Azure metadata names as its <c>entryPoint</c>. The worker
/// resolves it when it loads a function (to learn the parameters); invocations go through the
/// registered executor, and this method does the same if something calls it directly.
/// </summary>
public static class PortableFunctionEntryPoint
{
    /// <summary>The <c>entryPoint</c> value written to the function metadata.</summary>
    public const string EntryPoint = "Portable.Functions.Azure.Worker.PortableFunctionEntryPoint.RunAsync";

    /// <summary>Runs the portable function named by <paramref name="context"/>.</summary>
    /// <param name="context">The worker's invocation context.</param>
    /// <param name="input">
    /// The trigger input of non-HTTP functions. The worker binds parameters by name, and every
    /// non-HTTP trigger binding is named <c>input</c>, so this parameter is how the executor receives it.
    /// </param>
    /// <returns>A task that completes when the function has run and its result is set.</returns>
    public static async Task RunAsync(WorkerContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var executor = context.InstanceServices.GetRequiredService<IFunctionExecutor>();
        await executor.ExecuteAsync(context).ConfigureAwait(false);
    }
}

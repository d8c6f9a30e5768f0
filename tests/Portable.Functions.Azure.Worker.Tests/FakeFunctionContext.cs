using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using WorkerContext = Microsoft.Azure.Functions.Worker.FunctionContext;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>
/// A worker <see cref="WorkerContext"/> built by hand, carrying what the gRPC worker fills from an
/// InvocationRequest: invocation id, function definition, trace context, retry context, binding
/// data and the cancellation token. No host can run here, so the executor is driven at this seam.
/// </summary>
internal sealed class FakeFunctionContext : WorkerContext
{
    public FakeFunctionContext(string functionName, IServiceProvider? services = null)
    {
        FunctionDefinition = new FakeFunctionDefinition(functionName);
        InstanceServices = services ?? new ServiceCollection().BuildServiceProvider();
    }

    public override string InvocationId => "inv-worker-1";

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; } = new FakeTraceContext();

    public override BindingContext BindingContext { get; } = new FakeBindingContext();

    public override RetryContext RetryContext => Retry!;

    public FakeRetryContext? Retry { get; set; }

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new FakeFeatures();

    public CancellationTokenSource Cancellation { get; } = new();

    public override CancellationToken CancellationToken => Cancellation.Token;

    internal sealed class FakeTraceContext : TraceContext
    {
        public override string TraceParent => "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        public override string TraceState => "congo=t61rcWkgMzE";
    }

    internal sealed class FakeBindingContext : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => new Dictionary<string, object?>();
    }

    internal sealed class FakeRetryContext(int retryCount) : RetryContext
    {
        public override int RetryCount => retryCount;

        public override int MaxRetryCount => 5;
    }

    private sealed class FakeFunctionDefinition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(PortableFunctionEntryPoint).Assembly.Location;

        public override string EntryPoint => PortableFunctionEntryPoint.EntryPoint;

        public override string Id => name + "-id";

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class FakeFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var value) ? (T)value : default;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

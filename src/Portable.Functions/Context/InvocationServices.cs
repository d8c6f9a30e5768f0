using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions;

/// <summary>
/// The services of one invocation (<see cref="FunctionContext.Services"/>): singletons come from the
/// root container, everything else from the invocation's scope, which is created on the first such
/// request. A handler that only takes singletons (the common case: clients, options, caches) then costs
/// no scope per invocation; what it resolves is the same instance either way.
/// </summary>
internal sealed class InvocationServices(FunctionContext context, FunctionApp app) : IServiceProvider, ISupportRequiredService, IKeyedServiceProvider
{
    public object? GetService(Type serviceType) =>
        app.IsSingleton(serviceType) ? app.Services.GetService(serviceType) : context.ScopedServices.GetService(serviceType);

    public object GetRequiredService(Type serviceType) =>
        app.IsSingleton(serviceType) ? app.Services.GetRequiredService(serviceType) : context.ScopedServices.GetRequiredService(serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey) => Keyed.GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => Keyed.GetRequiredKeyedService(serviceType, serviceKey);

    private IKeyedServiceProvider Keyed => context.ScopedServices as IKeyedServiceProvider
        ?? throw new InvalidOperationException("The service provider does not support keyed services.");
}

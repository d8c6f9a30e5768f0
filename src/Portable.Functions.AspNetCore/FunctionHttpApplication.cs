using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// What Kestrel calls for each request: one <see cref="DefaultHttpContext"/> over the connection's
/// features, then the request delegate. It stands in for ASP.NET Core's hosting layer, which the
/// function hosts do not need: that layer's generic host, service container, request scope and
/// diagnostics are what a function's cold start paid for, and the core already does the invocation's
/// tracing, logging scope and services.
/// </summary>
/// <remarks>
/// Kestrel keeps one context holder per connection (<see cref="IHostContextContainer{TContext}"/>), so a
/// kept-alive connection reuses its <see cref="DefaultHttpContext"/> from one request to the next, as
/// ASP.NET Core's own hosting layer does. A context is uninitialized when its request ends; reading it
/// afterwards throws <see cref="ObjectDisposedException"/>, as under ASP.NET Core.
/// </remarks>
internal sealed class FunctionHttpApplication(RequestDelegate handler) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures)
    {
        if (contextFeatures is IHostContextContainer<HttpContext> container)
        {
            if (container.HostContext is DefaultHttpContext pooled)
            {
                pooled.Initialize(contextFeatures);
                return pooled;
            }

            var context = new DefaultHttpContext(contextFeatures);
            container.HostContext = context;
            return context;
        }

        return new DefaultHttpContext(contextFeatures);
    }

    public Task ProcessRequestAsync(HttpContext context) => handler(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
        if (context is DefaultHttpContext defaultContext)
        {
            defaultContext.Uninitialize();
        }
    }
}

using System.Security.Claims;
using Microsoft.Azure.Functions.Worker.Http;
using WorkerContext = Microsoft.Azure.Functions.Worker.FunctionContext;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>
/// <see cref="HttpRequestData"/> as the worker builds it from an RpcHttp message: method, URL,
/// multi-value headers, cookies, identities and a body stream.
/// </summary>
internal sealed class FakeHttpRequestData(WorkerContext context, string method, Uri url, Stream body) : HttpRequestData(context)
{
    public override Stream Body { get; } = body;

    public override HttpHeadersCollection Headers { get; } = new();

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public List<ClaimsIdentity> IdentityList { get; } = [];

    public override IEnumerable<ClaimsIdentity> Identities => IdentityList;

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new FakeHttpResponseData(FunctionContext);
}

using System.Net;
using Microsoft.Azure.Functions.Worker.Http;
using WorkerContext = Microsoft.Azure.Functions.Worker.FunctionContext;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary><see cref="HttpResponseData"/> that keeps what the executor writes.</summary>
internal sealed class FakeHttpResponseData(WorkerContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = new();

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new FakeCookies();

    public List<IHttpCookie> CookieList => ((FakeCookies)Cookies).Items;

    private sealed class FakeCookies : HttpCookies
    {
        public List<IHttpCookie> Items { get; } = [];

        public override void Append(string name, string value) => Items.Add(new HttpCookie(name, value));

        public override void Append(IHttpCookie cookie) => Items.Add(cookie);

        public override IHttpCookie CreateNew() => new HttpCookie(string.Empty, string.Empty);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portable.Functions.Tests;

/// <summary>
/// The app's logger factory takes the same decisions as Microsoft.Extensions.Logging's LoggerFactory
/// for the same providers and rules: each case runs both and compares what every provider received.
/// </summary>
public sealed class AppLoggerFactoryTests
{
    private static readonly string[] s_categories = ["Portable.Functions", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.Extensions.Hosting.Internal", "Function", "App.Orders.Handler", "app.orders"];

    public static TheoryData<string> RuleSets => new()
    {
        "none",
        "min-warning",
        "category-prefix",
        "longest-prefix-wins",
        "provider-type",
        "provider-alias",
        "wildcard",
        "filter-delegate",
        "none-level-drops-provider",
        "last-of-equals-wins",
    };

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void SameProvidersAndRules_WriteTheSameLines_AsMicrosoftsLoggerFactory(string ruleSet)
    {
        var ours = Write(options => new AppLoggerFactory(Providers(out var seen), options).Also(seen), ruleSet);
        var theirs = Write(options => new LoggerFactory(Providers(out var seen), new StaticOptions(options)).Also(seen), ruleSet);

        Assert.NotEmpty(theirs);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Scopes_ReachExternalScopeProviders_AndPlainOnes_AndEndWhenDisposed()
    {
        var seen = new List<string>();
        var external = new ScopedProvider(seen);
        var plain = new PlainProvider(seen);
        using var factory = new AppLoggerFactory([external, plain], new LoggerFilterOptions());
        var logger = factory.CreateLogger("Function");

        using (logger.BeginScope("request r-1"))
        {
            logger.LogInformation("inside");
        }

        logger.LogInformation("outside");

        Assert.Equal(["scope-begin:request r-1", "external:inside [request r-1]", "plain:inside", "scope-end", "external:outside []", "plain:outside"], seen);
    }

    [Fact]
    public void CaptureScopesOff_BeginScope_ReachesNoProvider()
    {
        var seen = new List<string>();
        using var factory = new AppLoggerFactory([new ScopedProvider(seen), new PlainProvider(seen)], new LoggerFilterOptions { CaptureScopes = false });
        var logger = factory.CreateLogger("Function");

        using (logger.BeginScope("request r-1"))
        {
            logger.LogInformation("inside");
        }

        Assert.Equal(["external:inside []", "plain:inside"], seen);
    }

    [Fact]
    public void ProviderThatThrows_OthersStillWrite_ThenAggregateException()
    {
        var seen = new List<string>();
        using var factory = new AppLoggerFactory([new ThrowingProvider(), new PlainProvider(seen)], new LoggerFilterOptions());

        var error = Assert.Throws<AggregateException>(() => factory.CreateLogger("Function").LogInformation("hello"));

        Assert.Equal(["plain:hello"], seen);
        Assert.IsType<InvalidOperationException>(Assert.Single(error.InnerExceptions));
    }

    [Fact]
    public void AddProvider_ReachesLoggersCreatedBefore_AndIsDisposedWithTheFactory_ConstructorProvidersAreNot()
    {
        var seen = new List<string>();
        var owned = new PlainProvider(seen);
        var added = new PlainProvider(seen, "added");
        var factory = new AppLoggerFactory([owned], new LoggerFilterOptions());
        var logger = factory.CreateLogger("Function");

        factory.AddProvider(added);
        logger.LogInformation("hello");
        factory.Dispose();

        Assert.Equal(["plain:hello", "added:hello"], seen);
        Assert.True(added.Disposed);
        Assert.False(owned.Disposed);
        Assert.Throws<ObjectDisposedException>(() => factory.CreateLogger("Function"));
    }

    [Fact]
    public void TwoWildcardsInACategoryRule_Throws_AsMicrosoftsFactoryDoes()
    {
        var options = new LoggerFilterOptions();
        options.Rules.Add(new LoggerFilterRule(null, "App.*.Orders.*", LogLevel.Debug, null));
        using var factory = new AppLoggerFactory([new PlainProvider([])], options);

        Assert.Throws<InvalidOperationException>(() => factory.CreateLogger("App.X.Orders.Y"));
    }

    private static List<string> Write(Func<LoggerFilterOptions, (ILoggerFactory Factory, List<string> Seen)> create, string ruleSet)
    {
        var options = new LoggerFilterOptions { MinLevel = LogLevel.Trace };
        Configure(options, ruleSet);
        var (factory, seen) = create(options);
        using (factory)
        {
            foreach (var category in s_categories)
            {
                var logger = factory.CreateLogger(category);
                foreach (var level in (LogLevel[])[LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical])
                {
                    seen.Add($"{category} {level} enabled={logger.IsEnabled(level)}");
                    logger.Log(level, "{Category} at {Level}", category, level);
                }
            }
        }

        return seen;
    }

    private static void Configure(LoggerFilterOptions options, string ruleSet)
    {
        var rules = options.Rules;
        switch (ruleSet)
        {
            case "none":
                break;
            case "min-warning":
                options.MinLevel = LogLevel.Warning;
                break;
            case "category-prefix":
                rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.Warning, null));
                break;
            case "longest-prefix-wins":
                rules.Add(new LoggerFilterRule(null, "Microsoft.Extensions", LogLevel.Error, null));
                rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.Debug, null));
                rules.Add(new LoggerFilterRule(null, "microsoft.aspnetcore", LogLevel.Critical, null));
                break;
            case "provider-type":
                rules.Add(new LoggerFilterRule(null, null, LogLevel.Information, null));
                rules.Add(new LoggerFilterRule(typeof(PlainProvider).FullName, "App", LogLevel.Error, null));
                rules.Add(new LoggerFilterRule(typeof(ScopedProvider).FullName, null, LogLevel.Trace, null));
                break;
            case "provider-alias":
                rules.Add(new LoggerFilterRule("Scoped", "Portable", LogLevel.Critical, null));
                rules.Add(new LoggerFilterRule("NotAProvider", null, LogLevel.None, null));
                break;
            case "wildcard":
                rules.Add(new LoggerFilterRule(null, "App.*.Handler", LogLevel.Warning, null));
                rules.Add(new LoggerFilterRule(null, "*Kestrel", LogLevel.Error, null));
                break;
            case "filter-delegate":
                rules.Add(new LoggerFilterRule(null, "Microsoft.Extensions.Hosting", null, (provider, category, level) => level is >= LogLevel.Warning and < LogLevel.Error));
                rules.Add(new LoggerFilterRule(typeof(PlainProvider).FullName, null, LogLevel.Debug, (provider, category, level) => provider!.EndsWith("PlainProvider", StringComparison.Ordinal) && level != LogLevel.Error));
                break;
            case "none-level-drops-provider":
                rules.Add(new LoggerFilterRule(typeof(ScopedProvider).FullName, "Function", LogLevel.None, null));
                break;
            case "last-of-equals-wins":
                rules.Add(new LoggerFilterRule(null, "App", LogLevel.Error, null));
                rules.Add(new LoggerFilterRule(null, "App", LogLevel.Debug, null));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(ruleSet), ruleSet, null);
        }
    }

    private static ILoggerProvider[] Providers(out List<string> seen)
    {
        seen = [];
        return [new PlainProvider(seen), new ScopedProvider(seen)];
    }

    private sealed class StaticOptions(LoggerFilterOptions value) : IOptionsMonitor<LoggerFilterOptions>
    {
        public LoggerFilterOptions CurrentValue => value;

        public LoggerFilterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LoggerFilterOptions, string?> listener) => null;
    }

    private sealed class PlainProvider(List<string> seen, string name = "plain") : ILoggerProvider
    {
        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName) => new Writer(seen, name, null);

        public void Dispose() => Disposed = true;
    }

    [ProviderAlias("Scoped")]
    private sealed class ScopedProvider(List<string> seen) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public ILogger CreateLogger(string categoryName) => new Writer(seen, "external", () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class ThrowingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Thrower();

        public void Dispose()
        {
        }

        private sealed class Thrower : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                throw new InvalidOperationException("provider failed");
        }
    }

    private sealed class Writer(List<string> seen, string name, Func<IExternalScopeProvider?>? scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            seen.Add($"scope-begin:{state}");
            return new End(seen);
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (scopes is null)
            {
                seen.Add($"{name}:{formatter(state, exception)}");
                return;
            }

            var values = new List<string>();
            scopes()?.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), values);
            seen.Add($"{name}:{formatter(state, exception)} [{string.Join(", ", values)}]");
        }

        private sealed class End(List<string> seen) : IDisposable
        {
            public void Dispose() => seen.Add("scope-end");
        }
    }
}

internal static class FactoryPairExtensions
{
    public static (ILoggerFactory Factory, List<string> Seen) Also(this ILoggerFactory factory, List<string> seen) => (factory, seen);
}

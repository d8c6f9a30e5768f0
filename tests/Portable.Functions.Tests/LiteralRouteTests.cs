namespace Portable.Functions.Tests;

/// <summary>
/// A route without parameters is matched by a quick comparison when the path is spelled like it; every
/// other spelling must still match exactly as the segment-by-segment walk does (any case, empty segments).
/// </summary>
public sealed class LiteralRouteTests
{
    [Theory]
    [InlineData("/hello/world", true)]
    [InlineData("/HELLO/World", true)]
    [InlineData("/hello//world", true)]
    [InlineData("//hello/world", true)]
    [InlineData("/hello/world/", true)]
    [InlineData("/hello/world//", true)]
    [InlineData("hello/world", true)]
    [InlineData("/hello/worlds", false)]
    [InlineData("/hello", false)]
    [InlineData("/hello/world/again", false)]
    [InlineData("/", false)]
    [InlineData("", false)]
    public void LiteralRoute_MatchesEverySpellingOfItsSegments_AndNothingElse(string path, bool matches)
    {
        var template = RouteTemplate.Parse("/hello/world");

        Assert.Equal(matches, template.Match(path) is not null);
    }

    [Theory]
    [InlineData("/", "/", true)]
    [InlineData("/", "", true)]
    [InlineData("/", "//", true)]
    [InlineData("/", "/a", false)]
    [InlineData("hello/", "/hello", true)]
    [InlineData("/hello/", "/HELLO/", true)]
    [InlineData("//hello", "/hello", true)]
    public void RootAndOddlyWrittenTemplates_MatchLikeTheirSegments(string route, string path, bool matches)
    {
        var template = RouteTemplate.Parse(route);

        Assert.Equal(matches, template.Match(path) is not null);
    }
}

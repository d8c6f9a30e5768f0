using Microsoft.Extensions.Primitives;

namespace Portable.Functions.Tests;

/// <summary>
/// A parsed short query keeps its parameters in an array, a long one (and a caller-built collection) in
/// a dictionary; both must answer every lookup and enumerate in the same (first-seen) order.
/// </summary>
public sealed class QueryCollectionStorageTests
{
    [Theory]
    [InlineData("name=Ada")]
    [InlineData("a=1&b=2&a=3&B=4&c&d=&=e")]
    [InlineData("x=1&x=2&x=3&x=4&x=5&x=6&x=7&x=8")]
    [InlineData("p1=1&p2=2&p3=3&p4=4&p5=5&p6=6&p7=7&p8=8&p9=9&p1=10&P1=11")]
    [InlineData("a=%C3%A9&b=x+y&&&c=%2B")]
    public void ParsedQuery_AnswersLikeTheDictionaryBackedCollection(string query)
    {
        var parsed = new FunctionRequest("GET", "/") { QueryString = query }.Query;
        var reference = new QueryCollection(parsed.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

        Assert.Equal(reference.Count, parsed.Count);
        Assert.Equal(reference.Select(p => p.Key + "=" + string.Join('|', p.Value.ToArray())), parsed.Select(p => p.Key + "=" + string.Join('|', p.Value.ToArray())));
        Assert.Equal(reference.Keys, parsed.Keys);
        Assert.Equal(reference.Values.Select(v => string.Join('|', v.ToArray())), parsed.Values.Select(v => string.Join('|', v.ToArray())));
        foreach (var name in new[] { "name", "NAME", "a", "A", "b", "B", "c", "d", string.Empty, "x", "p1", "P1", "p9", "missing" })
        {
            Assert.Equal(reference.ContainsKey(name), parsed.ContainsKey(name));
            Assert.Equal(reference.TryGetValue(name, out var expected), parsed.TryGetValue(name, out var actual));
            Assert.Equal(expected.ToArray(), actual.ToArray());
            Assert.Equal(reference[name].ToArray(), parsed[name].ToArray());
        }
    }

    [Theory]
    [InlineData("a=1&b=2&a=3")]
    [InlineData("a=1&b=2&a=3&c=4&d=5&e=6&f=7&g=8&h=9&i=10")]
    public void RepeatedName_KeepsItsValuesInOrder_AndItsFirstPosition(string query)
    {
        var parsed = new FunctionRequest("GET", "/") { QueryString = query }.Query;

        Assert.Equal(new[] { "1", "3" }, (string[])parsed["a"]!);
        Assert.Equal("a", parsed.First().Key);
        Assert.Equal("b", parsed.Skip(1).First().Key);
        Assert.Equal(query.Split('&').Length - 1, parsed.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&")]
    [InlineData("&&&")]
    public void QueryWithoutParameters_IsEmpty(string query)
    {
        var parsed = new FunctionRequest("GET", "/") { QueryString = query }.Query;

        Assert.Empty(parsed);
        Assert.Empty(parsed.Keys);
        Assert.Equal(StringValues.Empty, parsed["a"]);
    }

    [Fact]
    public void NullName_Throws()
    {
        var parsed = new FunctionRequest("GET", "/") { QueryString = "a=1" }.Query;

        Assert.Throws<ArgumentNullException>(() => parsed.TryGetValue(null!, out _));
    }
}

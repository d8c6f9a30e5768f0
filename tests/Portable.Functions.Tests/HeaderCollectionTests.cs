namespace Portable.Functions.Tests;

public sealed class HeaderCollectionTests
{
    [Fact]
    public void Lookup_IgnoresCase_AndKeepsEveryValue()
    {
        var headers = new HeaderCollection();
        headers.Add("X-Multi", "a");
        headers.Add("x-multi", "b");

        Assert.Equal(new[] { "a", "b" }, (string[])headers["X-MULTI"]!);
        Assert.Equal("a", headers.GetFirst("x-Multi"));
    }

    [Theory]
    [InlineData("value\r\nInjected: yes")]
    [InlineData("value\nInjected: yes")]
    [InlineData("nul\0byte")]
    public void Add_ValueWithCrLfOrNul_Throws(string value)
    {
        var headers = new HeaderCollection();

        Assert.Throws<ArgumentException>(() => headers.Add("X-Test", value));
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("Bad:Name")]
    [InlineData("Bad\r\nName")]
    public void Add_InvalidName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new HeaderCollection().Add(name, "v"));
    }
}

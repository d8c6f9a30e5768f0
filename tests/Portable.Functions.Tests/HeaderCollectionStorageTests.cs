using Microsoft.Extensions.Primitives;

namespace Portable.Functions.Tests;

/// <summary>
/// A new <see cref="HeaderCollection"/> keeps a few headers in a small array and moves to a dictionary
/// past that; it must behave exactly like the same collection wrapping a case-insensitive dictionary
/// (the storage it had before), in lookups, counts and enumeration order.
/// </summary>
public sealed class HeaderCollectionStorageTests
{
    // More names than the inline array holds, each in several spellings.
    private static readonly string[] s_names =
    [
        "Content-Type", "content-type", "CONTENT-TYPE", "X-A", "x-a", "X-B", "X-C", "x-c", "X-D", "X-E", "X-F",
        "X-G", "x-g", "X-H", "X-I", "X-J", "Set-Cookie", "set-cookie", "Cache-Control", "ETag", "etag",
    ];

    [Theory]
    [InlineData(1, 21)]
    [InlineData(2, 21)]
    [InlineData(3, 21)]
    [InlineData(4, 6)]
    [InlineData(5, 6)]
    [InlineData(6, 12)]
    public void RandomOperations_GiveTheSameResultsAsTheDictionaryBackedCollection(int seed, int namePool)
    {
        var random = new Random(seed);
        var subject = new HeaderCollection();
        var reference = HeaderCollection.Wrap(new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase));
        for (var step = 0; step < 3000; step++)
        {
            var name = s_names[random.Next(namePool)];
            var value = "v" + step;
            switch (random.Next(6))
            {
                case 0:
                    subject.Add(name, value);
                    reference.Add(name, value);
                    break;
                case 1:
                    subject.Add(name, new StringValues([value, value + "b"]));
                    reference.Add(name, new StringValues([value, value + "b"]));
                    break;
                case 2:
                    subject[name] = value;
                    reference[name] = value;
                    break;
                case 3:
                    subject.Set(name, StringValues.Empty);
                    reference.Set(name, StringValues.Empty);
                    break;
                default:
                    Assert.Equal(reference.Remove(name), subject.Remove(name));
                    break;
            }

            AssertSame(reference, subject, step);
        }
    }

    [Fact]
    public void RemovedHeaderSlot_IsTakenByTheNextNewName_AsInADictionary()
    {
        var subject = new HeaderCollection();
        var reference = HeaderCollection.Wrap(new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase));
        foreach (var headers in new[] { subject, reference })
        {
            headers.Add("A", "1");
            headers.Add("B", "2");
            headers.Add("C", "3");
            headers.Remove("A");
            headers.Remove("C");
            headers.Add("D", "4");
            headers.Add("E", "5");
            headers.Add("F", "6");
        }

        // The most recently freed slot (C's, third) takes D, then A's (first) takes E, then F gets a new one.
        Assert.Equal(["E", "B", "D", "F"], subject.Select(h => h.Key));
        AssertSame(reference, subject, 0);
    }

    [Fact]
    public void ReplacedHeader_KeepsTheSpellingItWasFirstAddedWith()
    {
        var headers = new HeaderCollection();
        headers.Set("content-type", "text/plain");
        headers.Set("Content-Type", "application/json");

        var only = Assert.Single(headers);
        Assert.Equal("content-type", only.Key);
        Assert.Equal("application/json", only.Value.ToString());
    }

    [Fact]
    public void NinthHeader_MovesEveryHeaderToADictionary_InOrder()
    {
        var headers = new HeaderCollection();
        var names = Enumerable.Range(1, 12).Select(i => "X-H" + i).ToArray();
        foreach (var name in names)
        {
            headers.Add(name, name.ToLowerInvariant());
        }

        Assert.Equal(12, headers.Count);
        Assert.Equal(names, headers.Select(h => h.Key));
        Assert.All(names, name => Assert.Equal(name.ToLowerInvariant(), headers.GetFirst(name.ToUpperInvariant())));
    }

    [Fact]
    public void AddingANameWhileEnumerating_Throws_AsADictionaryDoes()
    {
        foreach (var headers in new[] { new HeaderCollection(), HeaderCollection.Wrap(new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)) })
        {
            headers.Add("A", "1");
            headers.Add("B", "2");

            Assert.Throws<InvalidOperationException>(() =>
            {
                foreach (var header in headers)
                {
                    headers.Add("X-" + header.Key, "new");
                }
            });
        }
    }

    [Fact]
    public void RemovingAndReplacingWhileEnumerating_IsAllowed_AsInADictionary()
    {
        foreach (var headers in new[] { new HeaderCollection(), HeaderCollection.Wrap(new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)) })
        {
            headers.Add("A", "1");
            headers.Add("B", "2");
            headers.Add("C", "3");
            var seen = new List<string>();
            foreach (var (name, _) in headers)
            {
                seen.Add(name);
                headers.Set("A", "replaced");
                headers.Remove("B");
            }

            Assert.Equal(["A", "C"], seen);
            Assert.Equal("replaced", headers.GetFirst("a"));
        }
    }

    [Fact]
    public void NullName_Throws_InEveryLookup()
    {
        var headers = new HeaderCollection();
        headers.Add("A", "1");

        Assert.Throws<ArgumentNullException>(() => headers.TryGetValue(null!, out _));
        Assert.Throws<ArgumentNullException>(() => headers.Contains(null!));
        Assert.Throws<ArgumentNullException>(() => headers.Remove(null!));
    }

    [Theory]
    [InlineData("te")]
    [InlineData("Upgrade")]
    [InlineData("TRAILER")]
    [InlineData("connection")]
    [InlineData("Keep-Alive")]
    [InlineData("set-cookie")]
    [InlineData("Content-LENGTH")]
    [InlineData("Proxy-Connection")]
    [InlineData("transfer-encoding")]
    public void HopByHopAndFramingHeaders_AreDropped_InAnyCase(string name) => Assert.True(ResponseNormalizer.IsDropped(name));

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("X-Connection")]
    [InlineData("Content-Lengths")]
    [InlineData("Upgrades")]
    [InlineData("Set-Cookie2")]
    [InlineData("TF")]
    [InlineData("Connectio")]
    public void OtherHeaders_AreKept(string name) => Assert.False(ResponseNormalizer.IsDropped(name));

    private static void AssertSame(HeaderCollection reference, HeaderCollection subject, int step)
    {
        Assert.True(reference.Count == subject.Count, $"Count differs after step {step}.");
        Assert.Equal(
            reference.Select(h => h.Key + ": " + string.Join('|', h.Value.ToArray())).ToArray(),
            subject.Select(h => h.Key + ": " + string.Join('|', h.Value.ToArray())).ToArray());
        foreach (var name in s_names)
        {
            Assert.Equal(reference.TryGetValue(name, out var expected), subject.TryGetValue(name, out var actual));
            Assert.Equal(expected.ToArray(), actual.ToArray());
            Assert.Equal(reference.Contains(name), subject.Contains(name));
            Assert.Equal(reference.GetFirst(name), subject.GetFirst(name));
            Assert.Equal(reference[name].ToArray(), subject[name].ToArray());
        }
    }
}

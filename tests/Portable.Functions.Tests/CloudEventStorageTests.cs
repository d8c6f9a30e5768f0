using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// How an event keeps what it does not always need: extensions made on first use, and a parsed event's
/// source and type shared with the event parsed before it when equal. Neither may change what a caller sees.
/// </summary>
public sealed class CloudEventStorageTests
{
    private static CloudEvent Parse(string json) => CloudEventJson.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Extensions_ReadBeforeAnyIsSet_IsEmpty_AndTheSameViewSeesLaterChanges()
    {
        var cloudEvent = new CloudEvent("e-1", "/s", "t");
        cloudEvent.SetExtension("absent", null);
        var extensions = cloudEvent.Extensions;

        Assert.Empty(extensions);
        Assert.Null(cloudEvent.GetExtensionString("absent"));

        cloudEvent.SetExtension("attempt", 3);
        cloudEvent.SetExtension("region", "eu");

        Assert.Equal(3, extensions["attempt"]);
        Assert.Equal("3", cloudEvent.GetExtensionString("attempt"));
        Assert.Same(extensions, cloudEvent.Extensions);

        cloudEvent.SetExtension("attempt", null);

        Assert.Equal(["region"], extensions.Keys);
    }

    [Fact]
    public void EventWithoutExtensions_SerializesWithoutThem_AndParsedExtensionsRoundTrip()
    {
        var plain = new CloudEvent("e-1", "/s", "t");
        var parsed = Parse("""{"specversion":"1.0","id":"e-2","source":"/s","type":"t","traceparent":"00-x","n":1}""");

        Assert.Equal("""{"specversion":"1.0","id":"e-1","source":"/s","type":"t"}""", Encoding.UTF8.GetString(CloudEventJson.Serialize(plain)));
        Assert.Equal("""{"specversion":"1.0","id":"e-2","source":"/s","type":"t","traceparent":"00-x","n":1}""", Encoding.UTF8.GetString(CloudEventJson.Serialize(parsed)));
    }

    [Fact]
    public void ParsedEvents_ReadEachSourceAndTypeAsSent_WhetherOrNotTheyRepeatThePreviousEvents()
    {
        var longType = "com.example." + new string('x', 300);
        var first = Parse("""{"specversion":"1.0","id":"1","source":"/shop","type":"com.example.order.placed","datacontenttype":"application/json","data":{}}""");
        var same = Parse("""{"specversion":"1.0","id":"2","source":"/shop","type":"com.example.order.placed","datacontenttype":"application/json","data":{}}""");
        var escaped = Parse("""{"specversion":"1.0","id":"3","source":"\/shop","type":"com.example\u002eorder.placed"}""");
        var sameLength = Parse("""{"specversion":"1.0","id":"3b","source":"/shoq","type":"com.example.order.placee"}""");
        var prefix = Parse("""{"specversion":"1.0","id":"4","source":"/sho","type":"com.example.order.place"}""");
        var longer = Parse("""{"specversion":"1.0","id":"5","source":"/shop/eu","type":"com.example.order.placed.v2","datacontenttype":"application/json; charset=utf-8"}""");
        var huge = Parse($$"""{"specversion":"1.0","id":"6","source":"/shop","type":"{{longType}}"}""");
        var hugeAgain = Parse($$"""{"specversion":"1.0","id":"7","source":"/shop","type":"{{longType}}"}""");
        var back = Parse("""{"specversion":"1.0","id":"8","source":"/shop","type":"com.example.order.placed"}""");

        Assert.Equal(("/shop", "com.example.order.placed", "application/json"), (first.Source, first.Type, first.DataContentType));
        Assert.Equal(("/shop", "com.example.order.placed", "application/json"), (same.Source, same.Type, same.DataContentType));
        Assert.Equal(("/shop", "com.example.order.placed", null), (escaped.Source, escaped.Type, escaped.DataContentType));
        Assert.Equal(("/shoq", "com.example.order.placee"), (sameLength.Source, sameLength.Type));
        Assert.Equal(("/sho", "com.example.order.place"), (prefix.Source, prefix.Type));
        Assert.Equal(("/shop/eu", "com.example.order.placed.v2", "application/json; charset=utf-8"), (longer.Source, longer.Type, longer.DataContentType));
        Assert.Equal(longType, huge.Type);
        Assert.Equal(longType, hugeAgain.Type);
        Assert.Equal(("/shop", "com.example.order.placed"), (back.Source, back.Type));
        Assert.All([first, same, escaped, sameLength, prefix, longer, huge, hugeAgain, back], e => Assert.Equal("1.0", e.SpecVersion));
    }

    [Fact]
    public void ParsedEvents_OfOneSourceAndType_ShareTheirStrings()
    {
        var first = Parse("""{"specversion":"1.0","id":"1","source":"/batch","type":"com.example.batch.item"}""");
        var second = Parse("""{"specversion":"1.0","id":"2","source":"/batch","type":"com.example.batch.item"}""");

        Assert.Same(first.Source, second.Source);
        Assert.Same(first.Type, second.Type);
        Assert.NotSame(first.Id, second.Id);
    }
}

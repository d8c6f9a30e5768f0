using Portable.Functions.Aws;

namespace Portable.Functions.Aws.Tests;

public sealed class FunctionArnTests
{
    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:orders:live", "7", "arn:aws:lambda:eu-west-1:123456789012:function:orders:7")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:orders:live", null, "arn:aws:lambda:eu-west-1:123456789012:function:orders")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:orders", "$LATEST", "arn:aws:lambda:eu-west-1:123456789012:function:orders:$LATEST")]
    [InlineData("arn:aws-cn:lambda:cn-north-1:123456789012:function:orders:3", "3", "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders:3")]
    public void InvokedArn_AliasReplacedByTheResolvedVersion_AccountFromTheArn(string invoked, string? version, string expected)
    {
        var arn = AwsFunctionArn.Resolve(invoked, version);

        Assert.Equal(expected, arn.ResourceId);
        Assert.Equal(invoked.Split(':')[4], arn.AccountId);
    }

    [Theory]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:orders")]
    [InlineData("arn:aws:lambda:eu-west-1::function:orders")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:orders:live:extra")]
    public void SomethingElse_GivesNoResourceAndNoAccount(string invoked)
    {
        var arn = AwsFunctionArn.Resolve(invoked, "7");

        Assert.Null(arn.ResourceId);
        Assert.Null(arn.AccountId);
    }
}

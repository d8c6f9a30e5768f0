using System.Security.Claims;
using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// Turns what an API Gateway authorizer put in <c>requestContext.authorizer</c> into a
/// <see cref="ClaimsPrincipal"/>: Cognito/JWT claims, a Lambda authorizer's context, or the IAM caller.
/// API Gateway has already authenticated the call; nothing here validates tokens.
/// </summary>
internal static class AuthorizerClaims
{
    /// <summary>True when the event carries an authorizer object worth turning into a user.</summary>
    /// <remarks>
    /// Checked by the mappers before calling in here: a request without one (most of them, and every
    /// cold start's first) then never loads the claims types at all.
    /// </remarks>
    public static bool IsPresent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] JsonElement? authorizer) =>
        authorizer is { ValueKind: JsonValueKind.Object };

    /// <summary>Payload 1.0: <c>authorizer.claims</c> (Cognito), else the authorizer's own keys (<c>principalId</c>, context).</summary>
    /// <param name="value">The authorizer object (<see cref="IsPresent"/>).</param>
    public static ClaimsPrincipal? FromRestApi(JsonElement value)
    {
        return value.TryGetProperty("claims", out var claims) && claims.ValueKind == JsonValueKind.Object
            ? Create(claims, "aws:cognito")
            : Create(value, "aws:lambda-authorizer");
    }

    /// <summary>Payload 2.0: <c>authorizer.jwt.claims</c>, <c>authorizer.lambda</c> or <c>authorizer.iam</c>.</summary>
    /// <param name="value">The authorizer object (<see cref="IsPresent"/>).</param>
    public static ClaimsPrincipal? FromHttpApi(JsonElement value)
    {
        if (value.TryGetProperty("jwt", out var jwt) && jwt.ValueKind == JsonValueKind.Object && jwt.TryGetProperty("claims", out var claims))
        {
            return Create(claims, "aws:jwt");
        }

        if (value.TryGetProperty("lambda", out var lambda))
        {
            return Create(lambda, "aws:lambda-authorizer");
        }

        return value.TryGetProperty("iam", out var iam) ? Create(iam, "aws:iam") : null;
    }

    private static ClaimsPrincipal? Create(JsonElement source, string authenticationType)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var claims = new List<Claim>();
        foreach (var property in source.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    claims.Add(new Claim(property.Name, property.Value.GetString()!));
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    claims.Add(new Claim(property.Name, property.Value.GetRawText()));
                    break;
                case JsonValueKind.Array:
                    claims.AddRange(property.Value.EnumerateArray()
                        .Where(item => item.ValueKind == JsonValueKind.String)
                        .Select(item => new Claim(property.Name, item.GetString()!)));
                    break;
            }
        }

        return claims.Count == 0 ? null : new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, "sub", "cognito:groups"));
    }
}

using Microsoft.Extensions.Logging;

namespace Portable.Functions;

/// <summary>
/// Picks the filter rule for one provider and category with the precedence Microsoft.Extensions.Logging
/// documents for <see cref="LoggerFilterOptions"/>: rules naming the provider (its type's full name or its
/// <see cref="ProviderAliasAttribute"/>) beat rules naming none; among those, the longest matching category
/// prefix wins (one <c>*</c> wildcard allowed, compared ignoring case); of equally good rules the last one
/// added wins; no rule leaves <see cref="LoggerFilterOptions.MinLevel"/>.
/// </summary>
internal static class LoggerRuleMatch
{
    /// <summary>Selects the minimum level and filter delegate for a provider's logger of a category.</summary>
    /// <param name="options">The filter options.</param>
    /// <param name="providerType">The provider's type.</param>
    /// <param name="category">The logger's category.</param>
    /// <param name="minLevel">The level below which nothing is written (null: no minimum).</param>
    /// <param name="filter">The rule's filter delegate, if any.</param>
    /// <exception cref="InvalidOperationException">A rule's category has more than one <c>*</c>.</exception>
    public static void Select(LoggerFilterOptions options, Type providerType, string category, out LogLevel? minLevel, out Func<string?, string?, LogLevel, bool>? filter)
    {
        minLevel = options.MinLevel;
        filter = null;
        var typeName = providerType.FullName;
        string? alias = null;
        var aliasRead = false;
        LoggerFilterRule? best = null;
        foreach (var rule in options.Rules)
        {
            if (rule.ProviderName is { } named && !string.Equals(named, typeName, StringComparison.Ordinal))
            {
                // Read only when a rule names some other provider: a reflection lookup the common
                // configuration (rules by category only) never needs.
                if (!aliasRead)
                {
                    alias = ReadAlias(providerType);
                    aliasRead = true;
                }

                if (string.IsNullOrEmpty(alias) || !string.Equals(named, alias, StringComparison.Ordinal))
                {
                    continue;
                }
            }

            if (CategoryMatches(rule.CategoryName, category) && IsBetter(rule, best))
            {
                best = rule;
            }
        }

        if (best is not null)
        {
            minLevel = best.LogLevel;
            filter = best.Filter;
        }
    }

    private static bool CategoryMatches(string? pattern, string category)
    {
        if (pattern is null)
        {
            return true;
        }

        var wildcard = pattern.IndexOf('*', StringComparison.Ordinal);
        if (wildcard >= 0 && pattern.IndexOf('*', wildcard + 1) >= 0)
        {
            throw new InvalidOperationException($"The logging filter category '{pattern}' has more than one '*' wildcard; only one is supported.");
        }

        var prefix = wildcard < 0 ? pattern.AsSpan() : pattern.AsSpan(0, wildcard);
        var suffix = wildcard < 0 ? default : pattern.AsSpan(wildcard + 1);
        return category.AsSpan().StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && category.AsSpan().EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    // The rule already known to apply is replaced by a later one unless that one is less specific.
    private static bool IsBetter(LoggerFilterRule rule, LoggerFilterRule? best)
    {
        if (best?.ProviderName is not null)
        {
            if (rule.ProviderName is null)
            {
                return false;
            }
        }
        else if (rule.ProviderName is not null)
        {
            return true;
        }

        if (best?.CategoryName is { } bestCategory)
        {
            if (rule.CategoryName is null || bestCategory.Length > rule.CategoryName.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static string? ReadAlias(Type providerType)
    {
        foreach (var attribute in providerType.GetCustomAttributes(typeof(ProviderAliasAttribute), inherit: false))
        {
            return ((ProviderAliasAttribute)attribute).Alias;
        }

        return null;
    }
}

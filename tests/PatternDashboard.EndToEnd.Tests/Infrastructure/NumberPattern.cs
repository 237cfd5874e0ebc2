using System.Text;
using System.Text.RegularExpressions;

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Regular expressions over decimal numbers, so an auto-retrying Playwright assertion can wait for "a term higher
/// than 3" (<c>ToHaveAccessibleNameAsync</c>, <c>GetByLabel</c>) instead of reading a value in a loop.
/// </summary>
public static class NumberPattern
{
    /// <summary>
    /// A pattern (no anchors, no groups that capture) matching the non-negative integers written without leading
    /// zeros that are greater than <paramref name="value"/>: for 37, <c>(?:[1-9]\d{2,}|[4-9]\d|3[8-9])</c>.
    /// </summary>
    public static string GreaterThan(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var alternatives = new List<string> { $@"[1-9]\d{{{digits.Length},}}" };
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[i] - '0';
            if (digit == 9)
            {
                continue;
            }
            var rest = digits.Length - i - 1;
            var next = new StringBuilder(Regex.Escape(digits[..i]));
            next.Append(digit == 8 ? "9" : $"[{digit + 1}-9]");
            if (rest > 0)
            {
                next.Append($@"\d{{{rest}}}");
            }
            alternatives.Add(next.ToString());
        }
        return "(?:" + string.Join('|', alternatives) + ")";
    }

    /// <summary>At least <paramref name="value"/>: <see cref="GreaterThan"/> of one less, or any number for 0.</summary>
    public static string AtLeast(long value) => value <= 0 ? @"(?:0|[1-9]\d*)" : GreaterThan(value - 1);
}

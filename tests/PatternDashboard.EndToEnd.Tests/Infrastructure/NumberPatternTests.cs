using System.Text.RegularExpressions;

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

public sealed class NumberPatternTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(19)]
    [InlineData(37)]
    [InlineData(99)]
    [InlineData(109)]
    public void GreaterThan_EveryNumberUpToAThousand_MatchesExactlyTheLargerOnes(long value)
    {
        var regex = new Regex($"^{NumberPattern.GreaterThan(value)}$");
        for (var n = 0; n <= 1000; n++)
        {
            Assert.True(regex.IsMatch(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) == n > value, $"{n} against > {value}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    public void AtLeast_EveryNumberUpToAThousand_MatchesThatOneAndTheLargerOnes(long value)
    {
        var regex = new Regex($"^{NumberPattern.AtLeast(value)}$");
        for (var n = 0; n <= 1000; n++)
        {
            Assert.True(regex.IsMatch(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) == n >= value, $"{n} against >= {value}");
        }
    }
}

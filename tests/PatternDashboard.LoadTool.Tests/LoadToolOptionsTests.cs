using PatternDashboard.LoadTool;

namespace PatternDashboard.LoadTool.Tests;

public sealed class LoadToolOptionsTests
{
    [Fact]
    public void Parse_NoArguments_GivesTheDocumentedDefaults()
    {
        var options = LoadToolOptions.Parse([]);

        Assert.Equal(50, options.Viewers);
        Assert.Equal(0, options.Pages);
        Assert.Equal(0, options.Sandboxes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal(10, options.UpdatesPerSecond);
        Assert.True(options.InProcess);
        Assert.Equal("leader-election", options.PatternId);
    }

    [Fact]
    public void Parse_EveryOption_IsRead()
    {
        var options = LoadToolOptions.Parse(
            ["--viewers", "300", "--pages", "50", "--duration", "60", "--rate", "15", "--pattern", "ping", "--seed", "9", "--sandboxes", "20", "--chromium", "/opt/chrome"]);

        Assert.Equal(300, options.Viewers);
        Assert.Equal(50, options.Pages);
        Assert.Equal(20, options.Sandboxes);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Duration);
        Assert.Equal(15, options.UpdatesPerSecond);
        Assert.Equal("ping", options.PatternId);
        Assert.Equal(9, options.Seed);
        Assert.Equal("/opt/chrome", options.ChromiumPath);
    }

    [Theory]
    [InlineData("--viewers", "501", "--viewers must be between 0 and 500; got 501.")]
    [InlineData("--viewers", "-1", "--viewers must be between 0 and 500; got -1.")]
    [InlineData("--viewers", "many", "--viewers must be a whole number; got 'many'.")]
    [InlineData("--pages", "61", "--pages must be between 0 and 60; got 61.")]
    [InlineData("--sandboxes", "101", "--sandboxes must be between 0 and 100; got 101.")]
    [InlineData("--duration", "4", "--duration must be between 5 and 3600; got 4.")]
    [InlineData("--duration", "3601", "--duration must be between 5 and 3600; got 3601.")]
    [InlineData("--clients", "0", "--clients must be between 1 and 500; got 0.")]
    [InlineData("--rate", "9", "--rate must be between 10 and 20; got 9.")]
    [InlineData("--rate", "21", "--rate must be between 10 and 20; got 21.")]
    [InlineData("--seed", "1.5", "--seed must be a whole number; got '1.5'.")]
    public void Parse_ValueOutOfBounds_IsRefusedWithTheLimit(string name, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadToolOptions.Parse([name, value]));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_NoActions_TurnsTheInstructorActionsOff()
    {
        Assert.True(LoadToolOptions.Parse([]).InstructorActions);
        Assert.False(LoadToolOptions.Parse(["--no-actions", "--viewers", "30"]).InstructorActions);
    }

    [Fact]
    public void Parse_UnknownOption_SaysSoAndPointsAtHelp()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadToolOptions.Parse(["--viewrs", "3"]));

        Assert.Contains("Unknown option '--viewrs'", error.Message);
        Assert.Contains("--help", error.Message);
    }

    [Theory]
    [InlineData("--viewers")]
    [InlineData("--url")]
    public void Parse_OptionWithoutItsValue_IsRefused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadToolOptions.Parse([name]));

        Assert.Equal($"{name} needs a value.", error.Message);
    }

    [Fact]
    public void Parse_OptionFollowedByAnotherOption_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadToolOptions.Parse(["--viewers", "--pages", "3"]));

        Assert.Equal("--viewers needs a value.", error.Message);
    }

    [Fact]
    public void Parse_NoViewersAndNoPages_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => LoadToolOptions.Parse(["--viewers", "0"]));

        Assert.Contains("Nothing to measure", error.Message);
    }

    [Theory]
    [InlineData("--sandboxes", "3", "--sandboxes measures the server's heap")]
    [InlineData("--rate", "15", "--rate sets the publish rate of the app this tool starts")]
    public void Parse_InProcessOnlyOption_WithUrl_IsRefused(string name, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadToolOptions.Parse(["--url", "http://127.0.0.1:5000", name, value]));

        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost:8080/patterns/leader-election", "http://localhost:8080/")]
    [InlineData("https://[::1]:5001/", "https://[::1]:5001/")]
    [InlineData("http://127.0.0.2:5000", "http://127.0.0.2:5000/")]
    public void LoopbackUrl_OnThisMachine_IsAcceptedAsItsRoot(string text, string expected)
    {
        Assert.Equal(new Uri(expected), LoadToolOptions.LoopbackUrl(text));
    }

    [Theory]
    [InlineData("http://example.com:5000", "'example.com' is refused")]
    [InlineData("http://10.0.0.5:5000", "'10.0.0.5' is refused")]
    [InlineData("http://192.168.1.20", "'192.168.1.20' is refused")]
    [InlineData("ftp://127.0.0.1/", "must be an http or https address")]
    [InlineData("127.0.0.1:5000", "must be an http or https address")]
    [InlineData("not a url", "must be an http or https address")]
    public void LoopbackUrl_ElsewhereOrMalformed_IsRefused(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadToolOptions.LoopbackUrl(text));

        Assert.Contains(message, error.Message);
    }
}

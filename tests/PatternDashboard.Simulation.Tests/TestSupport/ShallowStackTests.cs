using Xunit.Sdk;

namespace PatternDashboard.Simulation.Tests.TestSupport;

public sealed class ShallowStackTests
{
    [Fact]
    public void Run_WorkFailsAnAssertion_TheTestFailsWithThatAssertion()
    {
        int violations = 1;

        var failure = Assert.Throws<EqualException>(() => ShallowStack.Run(() => Assert.Equal(0, violations)));

        Assert.Contains("Actual:   1", failure.Message);
    }

    [Fact]
    public void Run_ReturnsAfterTheWorkIsDone()
    {
        int done = 0;

        ShallowStack.Run(() => done++);

        Assert.Equal(1, done);
    }
}

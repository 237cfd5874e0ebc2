using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.CircuitBreaker;
using static PatternDashboard.Simulation.Patterns.CircuitBreaker.CircuitBreakerPattern;
using static PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker.CircuitBreakerTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.CircuitBreaker;

/// <summary>Options are checked against Polly's own ranges with a clear message, and live changes apply and are recorded.</summary>
public sealed class CircuitBreakerSettingsTests
{
    [Theory]
    [InlineData(Fault.SetFailureRatio, 0, "greater than 0")]
    [InlineData(Fault.SetFailureRatio, 1.5, "between 0 and 1")]
    [InlineData(Fault.SetMinimumThroughput, 1, "between 2")]
    [InlineData(Fault.SetMinimumThroughput, 2.5, "whole number")]
    [InlineData(Fault.SetSamplingDuration, 499, "between 500")]
    [InlineData(Fault.SetBreakDuration, 86_400_001, "between 500")]
    public void LiveSetting_OutsidePollysRange_RefusedWithMessageAndNothingChanges(string faultId, double value, string message)
    {
        var cluster = Create();
        var before = cluster.Breaker(ServiceA).Settings;

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, faultId, ServiceA, value));

        Assert.Contains(message, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, cluster.Breaker(ServiceA).Settings);
        Assert.Empty(cluster.Inputs);
    }

    [Theory]
    [InlineData(Option.FailureRatio, 0)]
    [InlineData(Option.MinimumThroughput, 1)]
    [InlineData(Option.SamplingDurationMs, 100)]
    [InlineData(Option.BreakDurationMs, 0)]
    public void Create_OptionOutsidePollysRange_Refused(string option, double value)
    {
        var error = Assert.Throws<SimulationInputException>(() => Create(options: new() { [option] = value }));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void SetBreakDuration_Live_RebuildsBreakerAndNewDurationApplies()
    {
        var cluster = Create(seed: 8);
        cluster.RunFor(TimeSpan.FromSeconds(1));

        Inject(cluster, Fault.SetBreakDuration, ServiceA, 1000);
        Inject(cluster, Fault.ErrorRate, ServiceA, 100);
        RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(5));
        var waited = RunUntilState(cluster, ServiceA, BreakerStates.HalfOpen, TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(1), cluster.Breaker(ServiceA).Settings.BreakDuration);
        Assert.InRange(waited!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        Assert.Contains(cluster.Log.All(), e => e.Text.StartsWith("Breaker Service A rebuilt", StringComparison.Ordinal));
        Assert.Contains(cluster.Inputs, i => i.FaultId == Fault.SetBreakDuration && i.Value == 1000);
    }

    [Fact]
    public void SetFailureRatio_WhileOpen_BreakerStartsClosedAgain()
    {
        var cluster = Create(seed: 9);
        Inject(cluster, Fault.ErrorRate, ServiceA, 100);
        RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(5));

        Inject(cluster, Fault.SetFailureRatio, ServiceA, 0.9);

        Assert.Equal(BreakerStates.Closed, cluster.Breaker(ServiceA).State);
        Assert.Equal(0.9, cluster.Breaker(ServiceA).Settings.FailureRatio);
        Assert.NotNull(RunUntilState(cluster, ServiceA, BreakerStates.Open, TimeSpan.FromSeconds(10)));
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void SetLoad_ChangesRequestRate()
    {
        var cluster = Create(seed: 10);
        Inject(cluster, Fault.Load, ServiceB, 0);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.Equal(0, cluster.Service(ServiceB).Received);

        Inject(cluster, Fault.Load, ServiceB, 50);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.InRange(cluster.Service(ServiceB).Received, 400, 600);
    }

    [Theory]
    [InlineData(Fault.ErrorRate, "caller")]
    [InlineData(Fault.ErrorRate, "nope")]
    public void Fault_AimedAtNonService_Refused(string faultId, string target)
    {
        var cluster = Create();

        Assert.Throws<SimulationInputException>(() => Inject(cluster, faultId, target, 50));
    }
}

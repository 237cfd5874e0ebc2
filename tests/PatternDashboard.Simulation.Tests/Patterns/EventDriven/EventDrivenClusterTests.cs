using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns;
using PatternDashboard.Simulation.Patterns.EventDriven;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using static PatternDashboard.Simulation.Patterns.EventDriven.EventDrivenPattern;
using static PatternDashboard.Simulation.Tests.Patterns.EventDriven.EventDrivenTestSupport;

namespace PatternDashboard.Simulation.Tests.Patterns.EventDriven;

public sealed class EventDrivenClusterTests
{
    [Fact]
    public void Create_Defaults_SignupBusAndThreeServices()
    {
        var cluster = Create(seed: 1);

        Assert.Equal(["broker", "signup", "profile-1", "marketing-1", "email-1"], cluster.Nodes.Select(n => n.Id));
        Assert.Equal(["profile", "marketing", "email"], cluster.EventDetails().Services.Select(s => s.Name));
        Assert.All(cluster.EventDetails().Services, s => Assert.True(s.KnownToSignup));
    }

    [Fact]
    public void Snapshot_DrawsLinksThroughTheBus_AndDirectLinesOnlyWithSynchronousCalls()
    {
        var cluster = Create(seed: 3);

        var links = cluster.CreateSnapshot().Links;
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.Contains("broker", new[] { l.From, l.To }));

        Inject(cluster, Fault.SynchronousCalls);

        var direct = cluster.CreateSnapshot().Links.Where(l => l.From != "broker" && l.To != "broker").ToList();
        Assert.Equal(["profile-1", "marketing-1", "email-1"], direct.Select(l => l.From == "signup" ? l.To : l.From));
    }

    [Fact]
    public void Run_Healthy_EveryServiceRecordsEveryRegistrationAtItsOwnPace()
    {
        var cluster = Create(seed: 2);
        cluster.RunFor(TimeSpan.FromSeconds(20));
        var details = cluster.EventDetails();
        Assert.Equal(1, details.SuccessRate);
        Assert.InRange(details.LatencyMs!.Value, 10, 60);

        Assert.True(StopAndSettle(cluster, TimeSpan.FromSeconds(30)));

        long registrations = cluster.Signup.Produced;
        Assert.InRange(registrations, 55, 61);
        Assert.All(Services.Take(InitialServices), s => Assert.Equal(registrations, Records(cluster, s.Name)));
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void StopEmailService_OthersGoOn_ItCatchesUpOnRestart()
    {
        var cluster = Create(seed: 3);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var stop = Inject(cluster, LifecycleFaults.Crash, "email-1")!;
        long emailsBefore = Records(cluster, "email");
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal(emailsBefore, Records(cluster, "email"));
        Assert.InRange(cluster.Broker.Subscription("email").Depth, 25, 35);
        Assert.True(cluster.Broker.Subscription("profile").Depth < 3, "The profile service goes on.");
        Assert.Equal(1, cluster.EventDetails().SuccessRate);

        cluster.ClearFault(stop.Id);
        Assert.True(StopAndSettle(cluster, TimeSpan.FromSeconds(30)));

        Assert.Equal(cluster.Signup.Produced, Records(cluster, "email"));
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void AddService_Runtime_ReceivesLaterEventsWithoutChangingTheProducer()
    {
        var cluster = Create(seed: 4);
        cluster.RunFor(TimeSpan.FromSeconds(3));
        long before = cluster.Signup.Produced;

        Inject(cluster, Fault.AddService);
        cluster.RunFor(TimeSpan.FromSeconds(5));
        Assert.True(StopAndSettle(cluster, TimeSpan.FromSeconds(30)));

        var analytics = cluster.EventDetails().Services.Single(s => s.Name == "analytics");
        Assert.False(analytics.KnownToSignup);
        // Registrations on their way to the bus when it subscribed reach it too.
        Assert.InRange(analytics.Records, cluster.Signup.Produced - before - 1, cluster.Signup.Produced - before + 4);
        Assert.Equal(analytics.Expected, analytics.Records);
        Assert.Equal(3, cluster.Signup.KnownServices.Count);
        Assert.True(cluster.Invariants.AllHold);
    }

    [Fact]
    public void SynchronousCalls_AllUp_RegistrationsWaitForTheSlowestService()
    {
        var events = Create(seed: 5);
        var calls = Create(seed: 5);
        Inject(calls, Fault.SynchronousCalls);

        events.RunFor(TimeSpan.FromSeconds(10));
        calls.RunFor(TimeSpan.FromSeconds(10));

        Assert.True(events.EventDetails().LatencyMs < 60);
        Assert.True(calls.EventDetails().LatencyMs > 200, $"Calls took {calls.EventDetails().LatencyMs} ms; the email service alone takes 250.");
    }

    [Fact]
    public void SynchronousCalls_EmailDown_RegistrationsFailAndStateDivergesAfterRecovery()
    {
        var cluster = Create(seed: 6);
        Inject(cluster, Fault.SynchronousCalls);
        cluster.RunFor(TimeSpan.FromSeconds(2));
        var stop = Inject(cluster, LifecycleFaults.Crash, "email-1")!;
        cluster.RunFor(TimeSpan.FromSeconds(5));

        var details = cluster.EventDetails();
        Assert.Equal(0, details.SuccessRate);
        Assert.True(details.Failed > 10);
        Assert.True(details.LatencyMs >= 1000);

        cluster.ClearFault(stop.Id);
        Assert.True(StopAndSettle(cluster, TimeSpan.FromSeconds(10)));

        var once = Invariant(cluster, EveryEventOnceMonitor.MonitorId);
        Assert.False(once.Holds);
        Assert.Contains("of the", once.LastViolation);
        Assert.True(Records(cluster, "profile") > Records(cluster, "email"), "Profiles exist for users who never got an email.");
    }

    [Fact]
    public void SynchronousCalls_Cleared_EventsAgain()
    {
        var cluster = Create(seed: 7);
        var calls = Inject(cluster, Fault.SynchronousCalls)!;
        cluster.RunFor(TimeSpan.FromSeconds(1));

        cluster.ClearFault(calls.Id);
        Inject(cluster, LifecycleFaults.Crash, "email-1");
        cluster.RunFor(TimeSpan.FromSeconds(3));

        Assert.False(cluster.EventDetails().Synchronous);
        Assert.Equal(1, cluster.EventDetails().SuccessRate);
    }

    [Fact]
    public void AddService_AllSubscribed_Refused()
    {
        var cluster = Create(seed: 8);
        for (int i = InitialServices; i < Services.Count; i++)
        {
            Inject(cluster, Fault.AddService);
        }

        var error = Assert.Throws<SimulationInputException>(() => Inject(cluster, Fault.AddService));

        Assert.Contains("already subscribe", error.Message);
        Assert.Equal(Services.Count, cluster.Subscribers.Count);
    }

    [Theory]
    [InlineData(51)]
    [InlineData(5151)]
    public void Replay_RecordingWithServiceAddedAndCalls_ReproducesTheRunExactly(long seed)
    {
        var original = Create(seed);
        original.RunFor(TimeSpan.FromSeconds(1));
        Inject(original, Fault.AddService);
        var stop = Inject(original, LifecycleFaults.Crash, "marketing-1")!;
        Inject(original, NetworkFaults.Delay, value: 100);
        original.RunFor(TimeSpan.FromSeconds(2));
        original.ClearFault(stop.Id);
        Inject(original, Fault.SynchronousCalls);
        Inject(original, Fault.RegistrationRate, value: 12);
        original.RunFor(TimeSpan.FromSeconds(3));

        var replayed = PatternCatalog.CreateRegistry().Replay(Recording.FromJson(original.ToRecording().ToJson()), original.Clock.Now);

        TestSupport.Runs.AssertSameRun(seed, original, replayed);
    }
}

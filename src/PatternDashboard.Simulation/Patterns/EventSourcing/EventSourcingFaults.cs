using PatternDashboard.Simulation.Kernel;
using static PatternDashboard.Simulation.Patterns.EventSourcing.EventSourcingPattern;

namespace PatternDashboard.Simulation.Patterns.EventSourcing;

/// <summary>How the cluster checks and applies its own faults of <see cref="EventSourcingPattern.Faults"/>; crash, restart and the network's are the kernel's.</summary>
public sealed partial class EventSourcingCluster
{
    internal const string PurposeBad = "bad";
    internal const string PurposeCompensate = "compensate";
    internal const string PurposeContend = "contend";

    protected override void CheckApplicable(FaultDefinition definition, FaultRequest request)
    {
        string? refusal = definition.Id switch
        {
            Fault.TwoWriters when Tellers.Any(t => !t.IsUp) => "Both tellers must be up to write at the same moment; restart the one that is down.",
            Fault.TwoWriters or Fault.BadEvent or Fault.Compensate or Fault.CorruptSnapshot when Followed is null => "No account is open yet.",
            Fault.BadEvent or Fault.Compensate when FirstUpTeller() is null => "Both tellers are down; restart one first.",
            Fault.Compensate when UncorrectedBadEvent() is null => "There is no bad event left to correct: write one first.",
            Fault.CorruptSnapshot when SnapshotEvery == 0 => "Snapshots are off (snapshot every 0 events); there is nothing to corrupt.",
            Fault.CorruptSnapshot when Store.Store.SnapshotOf(Followed!) is null => $"{Followed} has no snapshot yet; it gets one every {SnapshotEvery} events.",
            Fault.StopProjector when Projector.IsStopped => "The projector is already stopped.",
            Fault.InPlace when InPlace => "Tellers already update state in place.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new SimulationInputException(refusal);
        }
    }

    protected override Action? ApplyFault(FaultDefinition definition, FaultRequest request)
    {
        switch (definition.Id)
        {
            case Fault.TwoWriters:
                foreach (var teller in Tellers)
                {
                    teller.Force(Followed!, new AccountEvent(AccountEventType.Deposited, 100, "at the same moment"), PurposeContend);
                }
                return null;
            case Fault.BadEvent:
                FirstUpTeller()!.Force(Followed!, new AccountEvent(AccountEventType.Deposited, 2_500, "typed 2500 for 250"), PurposeBad);
                return null;
            case Fault.Compensate:
                var bad = UncorrectedBadEvent()!;
                FirstUpTeller()!.Force(bad.AccountId, new AccountEvent(AccountEventType.Corrected, bad.Intended - bad.Amount, $"reverses the excess of v{bad.Version}", bad.Version), PurposeCompensate);
                return null;
            case Fault.CorruptSnapshot:
                Store.Store.Corrupt(Followed!, state => state is AccountState s ? s with { Balance = s.Balance + 1_000_000 } : state);
                Log.Append(StoreId, "snapshot", $"The latest snapshot of {Followed} is damaged on disk");
                return null;
            case Fault.LoseProjection:
                Projector.Rebuild();
                return null;
            case Fault.StopProjector:
                Projector.StopFollowing();
                return Projector.ResumeFollowing;
            case Fault.InPlace:
                InPlace = true;
                return () => InPlace = false;
            default:
                return base.ApplyFault(definition, request);
        }
    }

    private TellerNode? FirstUpTeller() => Tellers.FirstOrDefault(t => t.IsUp);

    private BadEventView? UncorrectedBadEvent() =>
        badEvents.LastOrDefault(b => b.CorrectedBy is null && live.Contains(b.AccountId));
}

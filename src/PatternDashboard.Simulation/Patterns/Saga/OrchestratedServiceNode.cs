using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>A service in orchestration: it runs what the coordinator commands and answers; it knows nothing of the saga.</summary>
public sealed class OrchestratedServiceNode(SagaCluster cluster, SagaStep step) : SagaServiceNode(cluster, SagaStyle.Orchestration, step)
{
    protected override void OnMessage(string from, IMessage message)
    {
        if (message is StepCommand command && command.Step == Step.Number)
        {
            Attempt(command.Saga, command.Undo, outcome => Send(from, new StepReply(command.CallId, outcome)));
        }
    }
}

using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Saga;

/// <summary>The shop hands a new order to the coordinator, or to the orders service in choreography.</summary>
public sealed record PlaceOrder(Order Order) : IMessage
{
    public string Kind => "order";
}

/// <summary>The order is safely taken (logged by the coordinator, placed by the orders service); the shop may forget it.</summary>
public sealed record OrderAccepted(int Number) : IMessage
{
    public string Kind => "order-ack";
}

/// <summary>The coordinator tells a service to run a step, or its compensation, of one saga.</summary>
public sealed record StepCommand(long CallId, int Saga, int Step, bool Undo) : IMessage
{
    public string Kind => Undo ? "compensate" : "command";
}

/// <summary>A service's answer to a <see cref="StepCommand"/>.</summary>
public sealed record StepReply(long CallId, StepOutcome Outcome) : IMessage
{
    public string Kind => Outcome switch
    {
        StepOutcome.Done => "done",
        StepOutcome.Refused => "refused",
        _ => "error",
    };
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Components.Shared;
using static PatternDashboard.Simulation.Patterns.StranglerFig.StranglerFigPattern;

namespace PatternDashboard.Web.Components.Patterns.StranglerFig;

/// <summary>How customers, the facade, the monolith and the new services read on screen: role by shape, stage and bugs in words.</summary>
public sealed class StranglerFigPresenter : INodePresenter
{
    public static StranglerFigPresenter Instance { get; } = new();

    public IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Square, "customers"),
        new(ShapePaths.Hexagon, "facade"),
        new(ShapePaths.DoubleCircle, "monolith or rewrite"),
        new(ShapePaths.Circle, "new service"),
        new(ShapePaths.Diamond, "new service with a bug"),
    ];

    public IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("request", "request", ShapePaths.Square),
        new("response", "answer", ShapePaths.Circle),
        new("error", "error", ShapePaths.Star),
    ];

    public static bool IsNewService(NodeView node) => node.Id.StartsWith("new-", StringComparison.Ordinal);

    public string Shape(NodeView node) => node.Id switch
    {
        CustomersId => ShapePaths.Square,
        FacadeId => ShapePaths.Hexagon,
        LegacyId or RewriteId => ShapePaths.DoubleCircle,
        _ => node.State == State.Buggy ? ShapePaths.Diamond : ShapePaths.Circle,
    };

    public string StateText(NodeView node) => node.State;

    public string? Caption(NodeView node)
    {
        if (!node.Up)
        {
            return null;
        }
        if (IsNewService(node))
        {
            return $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Stage))}";
        }
        return node.Id == CustomersId
            ? $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Rate))} req/s"
            : $"{UiFormat.Value(node.Properties.GetValueOrDefault(Property.Received))} received";
    }

    public string AriaLabel(NodeView node) =>
        Caption(node) is { } caption ? $"{node.Label}, {StateText(node)}, {caption}" : $"{node.Label}, {StateText(node)}";

    /// <summary>Bugs and rollbacks are about a feature, so they are offered on its new service.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) => fault.Id switch
    {
        Fault.BugErrors or Fault.BugWrongAnswers or Fault.BugCrash or Fault.Rollback => IsNewService(node),
        _ => true,
    };
}

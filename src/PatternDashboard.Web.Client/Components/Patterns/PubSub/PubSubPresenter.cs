using System.Globalization;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;
using PatternDashboard.Web.Components.Shared;

namespace PatternDashboard.Web.Components.Patterns.PubSub;

/// <summary>How broker, publishers and consumers read on screen: role as text and shape, a caption, and which faults fit.</summary>
public class PubSubPresenter : INodePresenter
{
    public static PubSubPresenter Instance { get; } = new();

    public const string Broker = MessagingNames.State.Broker;
    public const string Publisher = MessagingNames.State.Publisher;
    public const string Processing = MessagingNames.State.Processing;
    public const string Idle = MessagingNames.State.Idle;

    public virtual IReadOnlyList<ShapeLegendItem> Legend { get; } =
    [
        new(ShapePaths.Hexagon, "broker"),
        new(ShapePaths.Triangle, "publisher"),
        new(ShapePaths.DoubleCircle, "consumer, processing"),
        new(ShapePaths.Circle, "consumer, idle"),
    ];

    public virtual IReadOnlyList<MessageKindStyle> MessageKinds { get; } =
    [
        new("publish", "publish", ShapePaths.Square),
        new("publish-ack", "publish acknowledged", ShapePaths.Star),
        new("publish-refused", "publish refused", ShapePaths.Hexagon),
        new("delivery", "delivery", ShapePaths.Circle),
        new("redelivery", "redelivery", ShapePaths.Diamond),
        new("ack", "ack", ShapePaths.Triangle),
        new("nack", "refused (nack)", ShapePaths.Hexagon),
        new("ready", "consumer ready", ShapePaths.DoubleCircle),
    ];

    public static bool IsBroker(NodeView node) => node.Id == BrokerNode.BrokerId;

    public static bool IsPublisher(NodeView node) => node.Properties.ContainsKey(MessagingNames.Property.Topic);

    public static bool IsConsumer(NodeView node) => node.Properties.ContainsKey(MessagingNames.Property.Subscription);

    public static string Role(NodeView node) => IsBroker(node) ? Broker : IsPublisher(node) ? Publisher : "consumer";

    public string Shape(NodeView node) =>
        IsBroker(node) ? ShapePaths.Hexagon
        : IsPublisher(node) ? ShapePaths.Triangle
        : node.State == Processing ? ShapePaths.DoubleCircle
        : ShapePaths.Circle;

    /// <summary>"broker", "publisher, crashed", "consumer, processing".</summary>
    public virtual string StateText(NodeView node)
    {
        string role = Role(node);
        if (NodeActions.IsCrashed(node) || NodeActions.IsPaused(node))
        {
            return $"{role}, {node.Lifecycle}";
        }
        return IsConsumer(node) ? $"{role}, {node.State}" : role;
    }

    public string? Caption(NodeView node)
    {
        if (IsBroker(node))
        {
            return $"{Number(node, MessagingNames.Property.Queued)} queued";
        }
        if (IsPublisher(node))
        {
            return $"{Number(node, MessagingNames.Property.RatePerSecond)}/s · outbox {Number(node, MessagingNames.Property.Outbox)}";
        }
        string slow = Number(node, MessagingNames.Property.SlowFactor) is var factor && factor != "1" ? $" · slow ×{factor}" : "";
        return $"{node.Properties.GetValueOrDefault(MessagingNames.Property.Subscription)} · {Number(node, MessagingNames.Property.Buffered)} buffered{slow}";
    }

    /// <summary>"Consumer billing-1, consumer, processing, billing · 2 buffered".</summary>
    public string AriaLabel(NodeView node) => $"{node.Label}, {StateText(node)}, {Caption(node)}";

    /// <summary>Only consumers can be slowed.</summary>
    public bool IsActionAvailable(NodeView node, FaultDefinition fault) =>
        fault.Id != MessagingCluster.BrokerFault.Slow || IsConsumer(node);

    private static string Number(NodeView node, string property) =>
        node.Properties.GetValueOrDefault(property) is IConvertible value
            ? UiFormat.Number(value.ToDouble(CultureInfo.InvariantCulture))
            : "—";
}

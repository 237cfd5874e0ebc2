using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Patterns.Shared.Messaging;

namespace PatternDashboard.Simulation.Patterns.EventDriven;

/// <summary>A service that reacts to "user registered": its name, what its state counts, and its pace.</summary>
public sealed record ServiceDefinition(string Name, string Label, string StateNoun, double DefaultProcessingMs);

/// <summary>Event-Driven Architecture on the simulated broker: identity, options, faults and explanation.</summary>
public static class EventDrivenPattern
{
    public const string Id = "event-driven";

    /// <summary>Node ids: the event bus and the sign-up service; each service's consumer is named after it (email-1).</summary>
    public const string BrokerId = BrokerNode.BrokerId;
    public const string SignupId = "signup";

    // The node properties pages read are the shared broker's: MessagingNames.Property.

    /// <summary>Names of the metric series.</summary>
    public static class Metric
    {
        public const string RegistrationsSucceeded = "registrations succeeded";
        public const string RegistrationLatency = "registration latency";
        public const string DepthPrefix = MessagingNames.Metric.DepthPrefix;
        public const string LagPrefix = MessagingNames.Metric.LagPrefix;

        public static string Depth(string subscription) => MessagingNames.Metric.Depth(subscription);

        public static string Lag(string subscription) => MessagingNames.Metric.Lag(subscription);
    }

    public const string Topic = "user-registered";

    /// <summary>The first three react from the start; the others join one by one with "add a service".</summary>
    public static IReadOnlyList<ServiceDefinition> Services { get; } =
    [
        new("profile", "Profile service", "profiles", 30),
        new("marketing", "Marketing service", "contacts", 120),
        new("email", "Email service", "welcome emails", 250),
        new("analytics", "Analytics service", "sign-ups counted", 20),
        new("crm", "CRM service", "accounts", 80),
        new("audit", "Audit service", "audit entries", 40),
    ];

    public const int InitialServices = 3;

    public static class Option
    {
        public const string RegistrationRate = "registrationRate";
        public const string ProfileTimeMs = "profileTimeMs";
        public const string MarketingTimeMs = "marketingTimeMs";
        public const string EmailTimeMs = "emailTimeMs";
        public const string AckTimeoutMs = "ackTimeoutMs";
        public const string CallTimeoutMs = "callTimeoutMs";
        public const string NetworkDelayMs = "networkDelayMs";
    }

    public static class Fault
    {
        public const string AddService = "add-service";
        public const string RegistrationRate = "registration-rate";
        public const string SynchronousCalls = "synchronous-calls";
    }

    public static IReadOnlyList<OptionDefinition> Options { get; } =
    [
        new(Option.RegistrationRate, "Registrations", "Users registering per second.", 0, 50, 3, "per s"),
        new(Option.ProfileTimeMs, "Profile service pace", "Mean time the profile service takes per event.", 1, 2000, 30, "ms"),
        new(Option.MarketingTimeMs, "Marketing service pace", "Mean time the marketing service takes per event.", 1, 2000, 120, "ms"),
        new(Option.EmailTimeMs, "Email service pace", "Mean time the email service takes per event.", 1, 2000, 250, "ms"),
        new(Option.AckTimeoutMs, "Ack timeout", "How long a service has to acknowledge an event before the bus redelivers it.", 100, 10000, 2000, "ms", IsInteger: true),
        new(Option.CallTimeoutMs, "Call timeout", "With synchronous calls: how long the sign-up waits for every service.", 100, 10000, 1000, "ms", IsInteger: true),
        new(Option.NetworkDelayMs, "Network delay", "Typical one-way delay of a message.", 0, 1000, 10, "ms"),
    ];

    public static IReadOnlyList<FaultDefinition> Faults { get; } =
    [
        .. MessagingCluster.SharedFaults,
        MessagingCluster.BreakPersistence([
            // A slow email service leaves events on the bus; its crash then loses them.
            new FaultRequest(MessagingCluster.BrokerFault.Slow, "email-1", 100),
            new FaultRequest(LifecycleFaults.Crash, BrokerNode.BrokerId),
        ]),
        MessagingCluster.BreakIdempotency,
        new(Fault.AddService, "Add a service", "A new service subscribes to \"user registered\" without any change to the sign-up service.", IsInstant: true),
        new(Fault.RegistrationRate, "Change registration rate", "Sets how many users register per second.", IsInstant: true,
            Parameter: new FaultParameter("rate", 0, 50, "per s", 10)),
        new(Fault.SynchronousCalls, "Break it: synchronous calls", "The sign-up service calls the services it knows directly and waits for all of them: " +
            "one slow or down service fails the registration, and a service added later is never called.", IsBreakIt: true)
        {
            Demonstration = [new FaultRequest(Fault.AddService)],
        },
    ];

    public static PatternInfo Info { get; } = new(
        Problem: "When a user registers, several parts of the system must react: store a profile, add a marketing contact, send a " +
                 "welcome email. If the sign-up service calls each of them, it knows them all, is as slow as the slowest and fails " +
                 "whenever any one of them is down.",
        HowItWorks: "The sign-up service records the fact \"user registered\" as an event on an event bus and is done. Each interested " +
                    "service has its own subscription and reacts at its own pace, keeping its own state. A service that is down " +
                    "catches up from its queue when it returns; a new service subscribes without any change to the producer. " +
                    "Delivery is at least once, so each service skips events it has already handled.",
        Benefits:
        [
            "The producer does not know or wait for its consumers; it stays fast and available when they are not.",
            "New behaviour is added by subscribing a new service, not by changing the producer.",
            "Each service scales and fails on its own; backlogs absorb bursts.",
        ],
        TradeOffs:
        [
            "Consistency is eventual: for a while the profile exists but the email is not sent yet.",
            "The flow of a request is spread over services and harder to trace and debug.",
            "Consumers must handle duplicates and events arriving late or after a restart.",
            "The event bus becomes critical infrastructure.",
        ],
        UsedBy:
        [
            "Apache Kafka and Amazon EventBridge as event backbones between services.",
            "Netflix and Uber stream domain events between hundreds of services.",
            "Webhooks and serverless triggers (AWS Lambda on SNS or SQS) follow the same idea.",
        ]);

    public static PatternDescriptor Descriptor { get; } = new(
        Id,
        "Event-Driven Architecture",
        "A \"user registered\" event on a bus drives profile, marketing and email services, each at its own pace; stop one and the others go on.",
        Info,
        Options,
        (seed, options) => new EventDrivenCluster(seed, options));
}

using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>
/// The write-heavy load: customers placing orders and the shop shipping or cancelling them, one command at a time.
/// After each placement the customer opens "my orders" and acts on what it shows. Done right, it reads the read model
/// only once the answer's checkpoint includes its commit position (asking again, then the write side, if not). With
/// the "break it" switch it acts on the first answer: an order it does not see there it places again.
/// </summary>
public sealed class ShopFrontNode(CqrsCluster cluster) : SimulationNode(cluster, CqrsPattern.ShopFrontId, "Shop front")
{
    public static readonly string[] Customers = ["Ada", "Brook", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana"];
    public static readonly string[] Products = ["kettle", "lamp", "mug", "scarf", "teapot", "torch"];

    /// <summary>How often a customer asks the read model again before reading from the write side.</summary>
    public const int ReadAttempts = 3;
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(100);

    private const int RecentKept = 8;

    // Every customer's open orders at most, with room for a few whose placement went unanswered.
    private const int MineKept = 32;

    // Orders this shop placed and has not finished; bounded by the command side's limit per customer.
    private readonly List<(string OrderId, string Customer)> mine = [];
    private readonly Queue<ReadYourWritesViolation> recent = new();
    private NodeTimer? timer;
    private long nextRequest = 1;
    private long pending;
    private int orders;
    private int replicaTurn;
    private PendingCheck? check;

    private sealed record PendingCheck(string OrderId, string Customer, string Product, int Quantity, long Position, int Attempt);

    public long Sent { get; private set; }

    public long Committed { get; private set; }

    public long Rejected { get; private set; }

    public long Checked { get; private set; }

    /// <summary>Answers that did not yet include the customer's own write, asked again.</summary>
    public long AskedAgain { get; private set; }

    /// <summary>Checks that ended by reading from the write side.</summary>
    public long FellBack { get; private set; }

    public long Violations { get; private set; }

    /// <summary>Orders placed a second time because the read model did not show the first.</summary>
    public long Duplicates { get; private set; }

    public IReadOnlyCollection<ReadYourWritesViolation> RecentViolations => recent;

    /// <summary>The last placement committed: the order, where it is in the write store and when.</summary>
    public (string OrderId, string Customer, long Position, TimeSpan At)? LastCommit { get; private set; }

    public override void Start() => ScheduleNext();

    protected override void OnCrash()
    {
        pending = 0;
        check = null;
    }

    protected override void OnRestart() => ScheduleNext();

    private void ScheduleNext()
    {
        CancelTimer(timer);
        if (cluster.WriteRate > 0)
        {
            timer = StartTimer(Random.NextExponential(TimeSpan.FromSeconds(1 / cluster.WriteRate)), Command);
        }
    }

    private void Command()
    {
        CommandRequest request;
        // Ship (or now and then cancel) the oldest order once a few are open; otherwise place a new one.
        if (mine.Count > 0 && (mine.Count >= 6 || Random.Chance(0.4)))
        {
            var (orderId, customer) = mine[0];
            mine.RemoveAt(0);
            string type = Random.Chance(0.2) ? ShopEventType.Cancelled : ShopEventType.Shipped;
            request = new CommandRequest(nextRequest++, type, orderId, customer, "", 0);
        }
        else
        {
            request = Place(Customers[Random.Next(Customers.Length)], Products[Random.Next(Products.Length)], Random.Next(1, 4));
        }
        Ask(CqrsPattern.CommandsId, request, cluster.CommandTimeout);
    }

    private CommandRequest Place(string customer, string product, int quantity) =>
        new(nextRequest++, ShopEventType.Placed, $"order-{++orders}", customer, product, quantity);

    private CommandRequest? sentCommand;

    private void Ask(string to, IMessage request, TimeSpan timeout)
    {
        pending = request switch
        {
            CommandRequest c => c.RequestId,
            QueryRequest q => q.RequestId,
            WriteSideQuery w => w.RequestId,
            _ => 0,
        };
        if (request is CommandRequest command)
        {
            sentCommand = command;
            Sent++;
        }
        Send(to, request);
        CancelTimer(timer);
        timer = StartTimer(timeout, TimedOut);
    }

    private void TimedOut()
    {
        pending = 0;
        if (check is { } c && !cluster.ReadAfterWrite)
        {
            Retry(c);
            return;
        }
        // A command with no answer may or may not be written: keep its order, so it is shipped later (or refused as not open).
        if (check is null && sentCommand is { } unanswered)
        {
            Keep(unanswered);
        }
        check = null;
        ScheduleNext();
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case CommandReply reply when reply.RequestId == pending:
                pending = 0;
                CancelTimer(timer);
                OnCommandReply(reply);
                break;
            case QueryReply answer when answer.RequestId == pending && check is { } c:
                pending = 0;
                CancelTimer(timer);
                OnAnswer(c, answer, fromWriteSide: from == CqrsPattern.CommandsId);
                break;
        }
    }

    private void OnCommandReply(CommandReply reply)
    {
        var command = sentCommand!;
        if (!reply.Committed)
        {
            Rejected++;
            // A shipment refused only for want of capacity is tried again later; one of an order that is not open is done with.
            if (command.Type != ShopEventType.Placed && reply.Reason?.EndsWith("is not open", StringComparison.Ordinal) == false
                && reply.Reason?.EndsWith("archived", StringComparison.Ordinal) == false)
            {
                Keep(command);
            }
            ScheduleNext();
            return;
        }
        Committed++;
        if (command.Type != ShopEventType.Placed)
        {
            ScheduleNext();
            return;
        }
        Keep(command);
        LastCommit = (command.OrderId, command.Customer, reply.Position, Now);
        check = new PendingCheck(command.OrderId, command.Customer, command.Product, command.Quantity, reply.Position, 1);
        Checked++;
        AskReadModel(check);
    }

    private void Keep(CommandRequest command)
    {
        if (mine.Count < MineKept && !mine.Any(o => o.OrderId == command.OrderId))
        {
            mine.Add((command.OrderId, command.Customer));
        }
    }

    private void AskReadModel(PendingCheck c)
    {
        var replicas = cluster.CustomerReplicas;
        var replica = replicas[replicaTurn++ % replicas.Count];
        Ask(replica.Id, new QueryRequest(nextRequest++, c.Customer), cluster.QueryTimeout);
    }

    private void OnAnswer(PendingCheck c, QueryReply answer, bool fromWriteSide)
    {
        bool includesWrite = answer.Checkpoint >= c.Position;
        if (!includesWrite && !fromWriteSide && !cluster.ReadAfterWrite)
        {
            AskedAgain++;
            Retry(c);
            return;
        }
        check = null;
        // The customer acts on what it read: an order missing from "my orders" looks lost, so it is placed again.
        if (!answer.Orders.Contains(c.OrderId))
        {
            Violations++;
            recent.Enqueue(new ReadYourWritesViolation(Now.TotalSeconds, c.Customer, c.OrderId, c.Position, answer.Checkpoint));
            if (recent.Count > RecentKept)
            {
                recent.Dequeue();
            }
            Log("read-your-writes", $"{c.Customer} placed {c.OrderId} at position {c.Position}, read a model at {answer.Checkpoint} without it, and orders again");
            Duplicates++;
            Ask(CqrsPattern.CommandsId, Place(c.Customer, c.Product, c.Quantity), cluster.CommandTimeout);
            return;
        }
        ScheduleNext();
    }

    private void Retry(PendingCheck c)
    {
        if (c.Attempt > ReadAttempts)
        {
            // The write side did not answer either: the customer looks later, acting on nothing.
            check = null;
            ScheduleNext();
            return;
        }
        if (c.Attempt == ReadAttempts)
        {
            FellBack++;
            check = c with { Attempt = ReadAttempts + 1 };
            Ask(CqrsPattern.CommandsId, new WriteSideQuery(nextRequest++, c.Customer), cluster.CommandTimeout);
            return;
        }
        check = c with { Attempt = c.Attempt + 1 };
        CancelTimer(timer);
        timer = StartTimer(RetryAfter, () => AskReadModel(check!));
    }
}

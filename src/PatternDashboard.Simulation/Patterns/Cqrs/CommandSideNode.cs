using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Simulation.Network;
using PatternDashboard.Simulation.Patterns.Shared.EventStore;

namespace PatternDashboard.Simulation.Patterns.Cqrs;

/// <summary>
/// The command side: takes one command at a time, reads the write model it concerns from the write store, validates
/// the command against it, appends the resulting event and answers "committed at position P" or "rejected". It also
/// answers reads from the write side, for a reader that must see its own write at once. Commands wait in a bounded queue.
/// </summary>
public sealed class CommandSideNode(CqrsCluster cluster) : SimulationNode(cluster, CqrsPattern.CommandsId, "Command side")
{
    public const int QueueLimit = 32;
    public const int MaxQuantity = 5;

    /// <summary>A customer may have this many orders open at once; one more is rejected.</summary>
    public const int MaxOpenPerCustomer = 3;

    private readonly Queue<(string From, IMessage Request)> queue = new();
    private (string From, IMessage Request)? current;
    private NodeTimer? timer;
    private long nextRequest = 1;
    private long pending;
    private bool appending;

    public long Committed { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Commands whose outcome it could not learn: the store did not answer in time.</summary>
    public long Unanswered { get; private set; }

    public long WriteSideReads { get; private set; }

    public string? LastRejection { get; private set; }

    public int Queued => queue.Count + (current is null ? 0 : 1);

    protected override void OnCrash()
    {
        queue.Clear();
        current = null;
        pending = 0;
    }

    protected override void OnMessage(string from, IMessage message)
    {
        switch (message)
        {
            case CommandRequest or WriteSideQuery:
                if (queue.Count >= QueueLimit)
                {
                    Reject(from, message, "the command side is busy");
                    return;
                }
                queue.Enqueue((from, message));
                if (current is null)
                {
                    Next();
                }
                break;
            case WriteModelReply model when model.RequestId == pending && current is { } work:
                Answered();
                if (work.Request is WriteSideQuery query)
                {
                    WriteSideReads++;
                    Send(work.From, new QueryReply(query.RequestId, [.. model.Orders.Select(o => o.OrderId)], 0, model.HeadPosition));
                    Done();
                }
                else
                {
                    Decide(work.From, (CommandRequest)work.Request, model.Orders);
                }
                break;
            case AppendReply reply when reply.RequestId == pending && appending && current is { } work:
                Answered();
                var command = (CommandRequest)work.Request;
                if (reply.Result.Written)
                {
                    Committed++;
                    Send(work.From, new CommandReply(command.RequestId, true, reply.Result.FirstPosition, null));
                }
                else
                {
                    Reject(work.From, command, reply.Result.Outcome switch
                    {
                        AppendOutcome.Conflict => $"{command.OrderId} changed meanwhile",
                        AppendOutcome.Full => "the write store is full",
                        _ => $"{command.OrderId} is archived",
                    });
                }
                Done();
                break;
        }
    }

    private void Next()
    {
        if (queue.Count == 0 || !IsUp)
        {
            return;
        }
        current = queue.Dequeue();
        var (customer, orderId) = current.Value.Request switch
        {
            CommandRequest c when c.Type == ShopEventType.Placed => (c.Customer, (string?)null),
            CommandRequest c => (c.Customer, c.OrderId),
            WriteSideQuery q => (q.Customer, null),
            _ => ("", null),
        };
        Ask(new WriteModelRequest(pending = nextRequest++, customer, orderId));
    }

    private void Decide(string from, CommandRequest command, IReadOnlyList<OpenOrder> orders)
    {
        string? refusal = command.Type switch
        {
            ShopEventType.Placed when command.Quantity is < 1 or > MaxQuantity => $"a quantity must be 1 to {MaxQuantity}",
            ShopEventType.Placed when orders.Count >= MaxOpenPerCustomer => $"{command.Customer} already has {orders.Count} open orders",
            ShopEventType.Shipped or ShopEventType.Cancelled when orders.Count == 0 => $"{command.OrderId} is not open",
            _ => null,
        };
        if (refusal is not null)
        {
            Reject(from, command, refusal);
            Done();
            return;
        }
        var order = orders.FirstOrDefault();
        var e = new ShopEvent(command.Type, command.Customer, order?.Product ?? command.Product, order?.Quantity ?? command.Quantity);
        long expected = command.Type == ShopEventType.Placed ? EventStreamStore<ShopEvent>.NoStream : 1;
        appending = true;
        Ask(new AppendRequest<ShopEvent>(pending = nextRequest++, command.OrderId, expected, [e], $"{Id}:{command.RequestId}"));
    }

    private void Ask(IMessage request)
    {
        Send(CqrsPattern.WriteStoreId, request);
        timer = StartTimer(cluster.StoreTimeout, () =>
        {
            // The store may still write it later; the sender learns only that it does not know.
            if (current is { } work)
            {
                Unanswered++;
                if (work.Request is CommandRequest c)
                {
                    Send(work.From, new CommandReply(c.RequestId, false, 0, "the write store did not answer in time"));
                }
            }
            Done();
        });
    }

    private void Answered()
    {
        pending = 0;
        CancelTimer(timer);
    }

    private void Done()
    {
        current = null;
        pending = 0;
        appending = false;
        Next();
    }

    private void Reject(string from, IMessage request, string reason)
    {
        if (request is CommandRequest command)
        {
            Rejected++;
            LastRejection = reason;
            Send(from, new CommandReply(command.RequestId, false, 0, reason));
        }
    }
}

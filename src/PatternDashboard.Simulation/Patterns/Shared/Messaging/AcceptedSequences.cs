namespace PatternDashboard.Simulation.Patterns.Shared.Messaging;

/// <summary>
/// The broker's record of the highest sequence it accepted per topic and key, so a publisher's retry is
/// acknowledged again instead of queued twice. A pattern with a key per conversation (a saga's number) brings
/// a new key with every conversation, so the record keeps only the <see cref="Capacity"/> keys accepted most
/// recently: a key forgotten belongs to a conversation that ended long ago, and a retry arriving after that
/// would be taken as new, which the consumers' idempotence absorbs.
/// </summary>
internal sealed class AcceptedSequences
{
    public const int Capacity = 4_096;

    private readonly Dictionary<(string Topic, int Key), LinkedListNode<Entry>> entries = [];
    // Least recently accepted first, so forgetting the oldest key costs nothing.
    private readonly LinkedList<Entry> order = new();

    public int Count => entries.Count;

    public long Highest(string topic, int key) => entries.TryGetValue((topic, key), out var node) ? node.Value.Sequence : 0;

    public void Accept(string topic, int key, long sequence)
    {
        if (entries.TryGetValue((topic, key), out var node))
        {
            node.Value.Sequence = sequence;
            order.Remove(node);
            order.AddLast(node);
            return;
        }
        entries[(topic, key)] = order.AddLast(new Entry(topic, key, sequence));
        if (entries.Count > Capacity)
        {
            var oldest = order.First!;
            order.RemoveFirst();
            entries.Remove((oldest.Value.Topic, oldest.Value.Key));
        }
    }

    public void Clear()
    {
        entries.Clear();
        order.Clear();
    }

    private sealed class Entry(string topic, int key, long sequence)
    {
        public string Topic { get; } = topic;

        public int Key { get; } = key;

        public long Sequence { get; set; } = sequence;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatternDashboard.Web.Tests.Hubs;

/// <summary>
/// JSON text sent to the hub exactly as written, so a test can send what no well-behaved serializer would: lone
/// surrogates, "NaN" where a number belongs, numbers beyond a double, nesting deeper than any real argument.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(string Text)
{
    public override string ToString() => Text.Length > 120 ? $"{Text[..120]}... ({Text.Length:N0} characters)" : Text;

    public static RawJson Of(object? value) => new(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));
}

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("RawJson is only sent.");

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Text, skipInputValidation: true);
}

/// <summary>Random JSON values of every awkward kind, from a seed, for the hub's property test.</summary>
public sealed class RandomJson(int seed)
{
    private static readonly string[] FieldNames =
    [
        "faultId", "target", "value", "action", "seed", "nodeCount", "options", "formatVersion", "patternId", "inputs",
        "timeTicks", "afterEvents", "colour", "__proto__", "constructor", "", "FaultId", "\\ud800",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "0.5", "1.5", "2", "3600", "3600.0000001", "7200", "1e308", "-1e308", "1.7976931348623157e308",
        "5e-324", "1e-320", "9007199254740993", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "2147483648", "1e400", "123456789012345678901234567890", "0.01", "0.009", "100", "100.0001",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "\\t", "NaN", "Infinity", "-Infinity", "nan", "1e308", "-1", "null", "true", "\\ud800", "\\udc00x", "a\\ud800b",
        "\\ud83d\\ude00", "\\u0000", "n1", "n9", "crash", "delay", "play", "speed", "reset", "ping", "paxos", "K7HM3X",
        "<script>", "'; drop table", "f1", "f99", "../../etc",
    ];

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Any JSON value, nested at most <paramref name="depth"/> levels (plus an occasional deep tower).</summary>
    public string Value(int depth = 3) => random.Next(12) switch
    {
        0 => "null",
        1 => Chance(0.5) ? "true" : "false",
        2 or 3 => Number(),
        4 or 5 or 6 => Text(),
        7 when depth > 0 => Array(depth - 1),
        8 or 9 when depth > 0 => Object(depth - 1),
        10 => Tower(),
        _ => Number(),
    };

    public string Number() => Chance(0.15) ? Quote(Pick(["NaN", "Infinity", "-Infinity"])) : Pick(Numbers);

    public string Text() => random.Next(10) switch
    {
        0 => Quote(new string('a', Pick([201, 5_000, 100_000]))),
        1 => Quote(string.Concat(Enumerable.Repeat("\\ud800", Pick([1, 300])))),
        _ => Quote(Pick(Texts)),
    };

    /// <summary>An object with some of the fields the hub reads and some it has never heard of.</summary>
    public string Object(int depth)
    {
        int count = random.Next(5);
        var fields = Enumerable.Range(0, count).Select(_ => $"{Quote(Pick(FieldNames))}:{Value(depth)}");
        return "{" + string.Join(",", fields) + "}";
    }

    public string Array(int depth) => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth))) + "]";

    /// <summary>Arrays or objects nested far deeper than any argument; within the 64 levels the JSON protocol reads.</summary>
    public string Tower()
    {
        int levels = random.Next(10, 60);
        var text = new StringBuilder();
        bool objects = Chance(0.5);
        for (int i = 0; i < levels; i++)
        {
            text.Append(objects ? "{\"value\":" : "[");
        }
        text.Append('1');
        for (int i = 0; i < levels; i++)
        {
            text.Append(objects ? '}' : ']');
        }
        return text.ToString();
    }

    /// <summary>A JSON string of already-escaped text (escapes such as \ud800 stay as written).</summary>
    public static string Quote(string escaped) => "\"" + escaped.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

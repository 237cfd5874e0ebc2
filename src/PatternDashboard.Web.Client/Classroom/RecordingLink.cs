using System.Buffers.Text;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Classroom;

/// <summary>
/// A short recording packed into a link: compact JSON, deflated (zlib format, whose checksum catches a link changed
/// on the way), then base64url, so the link reproduces the scenario without a file. Unpacking checks everything a file
/// import checks, and bounds the inflated size.
/// </summary>
public static class RecordingLink
{
    /// <summary>The page that opens a link; the recording travels in its <see cref="Parameter"/> query parameter.</summary>
    public const string Path = "/replay";

    public const string Parameter = "r";

    /// <summary>
    /// Longest packed recording a link carries. Browsers, chat tools and proxies cut long addresses; this stays
    /// well inside what they all accept. A longer run is for Export instead.
    /// </summary>
    public const int MaxChars = 4_000;

    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The packed recording; a <see cref="SimulationInputException"/> says when it is too long for a link.</summary>
    public static string Pack(Recording recording)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(recording, Compact);
        using var packed = new MemoryStream();
        using (var deflate = new ZLibStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(json);
        }
        string text = Base64UrlEncode(packed.ToArray());
        if (text.Length > MaxChars)
        {
            throw new SimulationInputException(
                $"This run has {recording.Inputs.Count} inputs, too many for a link ({text.Length:N0} characters; a link holds {MaxChars:N0}). Use Export recording and share the file instead.");
        }
        return text;
    }

    /// <summary>The link's address relative to the site root, e.g. "/replay?r=...".</summary>
    public static string RelativeUrl(Recording recording) => $"{Path}?{Parameter}={Pack(recording)}";

    /// <summary>Unpacks and checks a link's recording; anything wrong (cut, altered, not a recording) throws with the reason.</summary>
    public static Recording Unpack(string? packed)
    {
        if (string.IsNullOrWhiteSpace(packed))
        {
            throw new SimulationInputException("The link holds no recording; it may have been cut short when it was copied.");
        }
        if (packed.Length > MaxChars)
        {
            throw new SimulationInputException($"The link is longer than {MaxChars:N0} characters, so it was not made here.");
        }
        byte[] bytes = Base64UrlDecode(packed);
        string json;
        try
        {
            using var deflate = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress);
            json = ReadBounded(deflate);
        }
        catch (InvalidDataException)
        {
            throw new SimulationInputException("The link is damaged: its recording does not unpack. It may have been cut short or changed.");
        }
        try
        {
            return Recording.FromJson(json);
        }
        catch (SimulationInputException e)
        {
            throw new SimulationInputException($"The link's recording is not usable: {e.Message}");
        }
    }

    /// <summary>Reads at most <see cref="Recording.MaxFileBytes"/>, so a small link cannot inflate into a huge text.</summary>
    private static string ReadBounded(Stream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > Recording.MaxFileBytes)
            {
                throw new SimulationInputException($"The link's recording unpacks to more than {Recording.MaxFileBytes / 1024 / 1024} MB, so it was not made here.");
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new SimulationInputException("The link is damaged: its recording is not text.");
        }
    }

    private static string Base64UrlEncode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    private static byte[] Base64UrlDecode(string text)
    {
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw new SimulationInputException("The link is damaged: it has characters a recording link never has.");
        }
    }
}

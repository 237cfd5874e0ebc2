using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// The secret that gives control of a room: 256 random bits, URL-safe. The room keeps only its SHA-256 hash, and a
/// presented key is hashed before a constant-time comparison, so neither the key's content nor its length leaks
/// through timing.
/// </summary>
public static class InstructorKey
{
    public const int Bytes = 32;

    /// <summary>Longest text accepted as a key; anything longer is refused before hashing.</summary>
    public const int MaxLength = 256;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool Matches(string? presented, ReadOnlySpan<byte> expectedHash) =>
        !string.IsNullOrEmpty(presented)
        && presented.Length <= MaxLength
        && CryptographicOperations.FixedTimeEquals(Hash(presented), expectedHash);
}

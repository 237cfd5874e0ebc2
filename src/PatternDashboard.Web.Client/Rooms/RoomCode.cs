using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace PatternDashboard.Web.Rooms;

/// <summary>
/// Join codes: six characters that are easy to read aloud from a projector and type back. The alphabet keeps at most
/// one character of each group that looks alike on a screen or in handwriting: no 0, O, Q, 1, I, L, 2, Z, 5, S, 6, 8, B or V.
/// </summary>
public static class RoomCode
{
    public const int Length = 6;

    public const string Alphabet = "ACDEFGHJKMNPRTUWXY3479";

    /// <summary>What a person is told when a code cannot be a room code at all.</summary>
    public const string FormatHint = "A room code is 6 letters and digits, such as K7HM3X (there is no 0, O, 1, I or L in a code).";

    /// <summary>A new code from the cryptographic generator: codes must not be guessable from earlier ones.</summary>
    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (int i = 0; i < Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(code);
    }

    /// <summary>
    /// Reads what a person typed: case, spaces and dashes do not matter ("k7h-m3x" is K7HM3X). False, with the code
    /// null, when the text cannot be a room code.
    /// </summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }
        var builder = new StringBuilder(Length);
        foreach (char c in text)
        {
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }
            char upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper) || builder.Length == Length)
            {
                return false;
            }
            builder.Append(upper);
        }
        if (builder.Length != Length)
        {
            return false;
        }
        code = builder.ToString();
        return true;
    }
}

namespace Gateway.Text.Bpe;

/// <summary>
/// The GPT-2 byte-to-unicode table used by byte-level BPE (GPT-2, Qwen2, Llama 3): every byte maps to a
/// printable character so that vocabulary entries stay readable strings without whitespace or controls.
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToCharTable = BuildByteToChar();
    private static readonly Dictionary<char, byte> CharToByteTable = BuildCharToByte(ByteToCharTable);

    /// <summary>The 256 characters in byte-value order: element b is the symbol for byte b.</summary>
    public static IReadOnlyList<char> Symbols => ByteToCharTable;

    public static char ByteToChar(byte value) => ByteToCharTable[value];

    public static bool TryCharToByte(char symbol, out byte value) => CharToByteTable.TryGetValue(symbol, out value);

    /// <summary>Maps raw bytes (usually UTF-8 text) to their byte-level symbol string.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = ByteToCharTable[source[i]];
            }
        });
    }

    /// <summary>Maps a byte-level symbol string back to its bytes; throws on characters outside the alphabet.</summary>
    public static byte[] Decode(ReadOnlySpan<char> symbols)
    {
        var bytes = new byte[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            if (!CharToByteTable.TryGetValue(symbols[i], out bytes[i]))
            {
                throw new ArgumentException($"Character U+{(int)symbols[i]:X4} is not a byte-level symbol.", nameof(symbols));
            }
        }

        return bytes;
    }

    // Same construction as GPT-2's bytes_to_unicode(): printable Latin-1 bytes map to themselves,
    // the other 68 bytes (controls, space, DEL, NBSP, soft hyphen) to U+0100 onwards in byte order.
    private static char[] BuildByteToChar()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }

    private static Dictionary<char, byte> BuildCharToByte(char[] byteToChar)
    {
        var map = new Dictionary<char, byte>(256);
        for (var b = 0; b < byteToChar.Length; b++)
        {
            map.Add(byteToChar[b], (byte)b);
        }

        return map;
    }
}

using System.Text;
using Gateway.Text.Bpe;

namespace Gateway.ModelKit.Validation;

/// <summary>Turns ids back into text through a byte-level vocabulary, for showing what a smoke run produced.</summary>
internal static class TokenText
{
    public static string Decode(TokenizerDescription tokenizer, IEnumerable<long> ids)
    {
        var byId = tokenizer.Vocab.Concat(tokenizer.AddedTokens)
            .GroupBy(kv => kv.Value).ToDictionary(g => (long)g.Key, g => g.First().Key);
        var bytes = new List<byte>();
        foreach (long id in ids)
        {
            if (!byId.TryGetValue(id, out string? token))
            {
                continue;
            }

            if (tokenizer.AddedTokens.ContainsKey(token))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
            }
            else
            {
                bytes.AddRange(ByteLevelAlphabet.Decode(token));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

namespace Gateway.Text.Tokenization;

/// <summary>A stretch of input: either plain text to tokenize or one added token.</summary>
internal readonly record struct TextSegment(int Start, int Length, AddedToken? Token);

/// <summary>
/// Finds added tokens in the input, leftmost and longest first, as Hugging Face's added vocabulary does.
/// A character trie keeps the scan linear in the input length for any number of added tokens.
/// </summary>
/// <remarks>
/// Every token is matched on the raw input; Hugging Face matches tokens flagged "normalized" on normalized text,
/// which differs only for tokens that the normalizer would change (none in common decoder-only models).
/// </remarks>
internal sealed class AddedTokenMatcher
{
    private readonly Node _root = new();

    public AddedTokenMatcher(IEnumerable<AddedToken> tokens)
    {
        foreach (var token in tokens)
        {
            var node = _root;
            foreach (var c in token.Content)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(c, out var child))
                {
                    child = new Node();
                    node.Children.Add(c, child);
                }

                node = child;
            }

            node.Token = token;
        }
    }

    public List<TextSegment> Split(string text)
    {
        var segments = new List<TextSegment>();
        var textStart = 0;
        for (var i = 0; i < text.Length;)
        {
            if (FindLongest(text, i) is not { } token)
            {
                i++;
                continue;
            }

            var start = i;
            var end = i + token.Content.Length;
            if (token.LeftStrip)
            {
                while (start > textStart && char.IsWhiteSpace(text[start - 1]))
                {
                    start--;
                }
            }

            if (token.RightStrip)
            {
                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }
            }

            if (start > textStart)
            {
                segments.Add(new TextSegment(textStart, start - textStart, null));
            }

            segments.Add(new TextSegment(start, end - start, token));
            textStart = i = end;
        }

        if (textStart < text.Length)
        {
            segments.Add(new TextSegment(textStart, text.Length - textStart, null));
        }

        return segments;
    }

    private AddedToken? FindLongest(string text, int start)
    {
        AddedToken? longest = null;
        var node = _root;
        for (var i = start; i < text.Length && node.Children is not null && node.Children.TryGetValue(text[i], out node); i++)
        {
            if (node.Token is { } token && (!token.SingleWord || IsWholeWord(text, start, i + 1)))
            {
                longest = token;
            }
        }

        return longest;
    }

    private static bool IsWholeWord(string text, int start, int end)
    {
        return (start == 0 || !IsWordChar(text[start - 1])) && (end == text.Length || !IsWordChar(text[end]));
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public AddedToken? Token { get; set; }
    }
}

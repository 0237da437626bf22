namespace Gateway.Text.Templates;

/// <summary>
/// Splits a template into text and tag tokens, applying Jinja's whitespace control (<c>{%-</c>, <c>-%}</c>,
/// <c>+</c>) and the Hugging Face settings trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False.
/// </summary>
internal sealed partial class TemplateLexer
{
    private enum TrimAfter
    {
        None,
        AllWhitespace,
        OneNewline,
    }

    private readonly string _source;
    private readonly int[] _lineStarts;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private TemplateLexer(string source)
    {
        _source = source;
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public static List<Token> Tokenize(string source)
    {
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (source.EndsWith('\n'))
        {
            source = source[..^1];
        }

        var lexer = new TemplateLexer(source);
        lexer.Run();
        lexer.Add(TokenKind.EndOfFile, "", source.Length);
        return lexer._tokens;
    }

    private void Run()
    {
        var trimAfter = TrimAfter.None;
        var lineStarting = true;
        while (_pos <= _source.Length)
        {
            var tagStart = FindTagStart(_pos);
            var text = _source[_pos..(tagStart < 0 ? _source.Length : tagStart)];
            var textStart = _pos;

            // Trimming asked for by the previous tag comes first; it decides whether we start a line.
            var trimmed = trimAfter switch
            {
                TrimAfter.AllWhitespace => text.TrimStart(),
                TrimAfter.OneNewline when text.StartsWith('\n') => text[1..],
                _ => text,
            };
            lineStarting |= trimmed.Length < text.Length && text[text.Length - trimmed.Length - 1] == '\n';
            text = trimmed;

            if (tagStart < 0)
            {
                EmitText(text, textStart);
                return;
            }

            var opener = _source[tagStart + 1];
            var modifier = tagStart + 2 < _source.Length ? _source[tagStart + 2] : '\0';
            if (modifier == '-')
            {
                text = text.TrimEnd();
            }
            else if (opener != '{' && modifier != '+')
            {
                text = StripBlockIndent(text, lineStarting);
            }

            EmitText(text, textStart);
            _pos = tagStart + 2 + (modifier is '-' or '+' ? 1 : 0);
            var closingModifier = opener == '#' ? SkipComment(tagStart) : LexTag(opener, tagStart);
            trimAfter = closingModifier switch
            {
                '-' => TrimAfter.AllWhitespace,
                '+' => TrimAfter.None,
                _ => opener == '{' ? TrimAfter.None : TrimAfter.OneNewline,
            };
            lineStarting = false;
        }
    }

    // lstrip_blocks: spaces and tabs between the start of a line and a block or comment tag are dropped.
    private static string StripBlockIndent(string text, bool lineStarting)
    {
        var lineStart = text.LastIndexOf('\n') + 1;
        if (lineStart == 0 && !lineStarting)
        {
            return text;
        }

        for (var i = lineStart; i < text.Length; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return text;
            }
        }

        return text[..lineStart];
    }

    private int FindTagStart(int from)
    {
        for (var i = from; i + 1 < _source.Length; i++)
        {
            if (_source[i] == '{' && _source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private char SkipComment(int tagStart)
    {
        var end = _source.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("unclosed comment", tagStart);
        }

        _pos = end + 2;
        return end > tagStart + 2 && _source[end - 1] is '-' or '+' ? _source[end - 1] : '\0';
    }

    private void EmitText(string text, int offset)
    {
        if (text.Length > 0)
        {
            Add(TokenKind.Text, text, offset);
        }
    }

    private void Add(TokenKind kind, string value, int offset)
    {
        var (line, column) = Position(offset);
        _tokens.Add(new Token(kind, value, line, column));
    }

    private (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    private ChatTemplateException Error(string message, int offset)
    {
        var (line, column) = Position(offset);
        return new ChatTemplateException(message, line, column);
    }
}

using System.Globalization;
using System.Text;

namespace Gateway.Text.Templates;

/// <summary>The inside of <c>{{ }}</c> and <c>{% %}</c>: names, literals and operators.</summary>
internal sealed partial class TemplateLexer
{
    private static readonly string[] Operators =
    [
        "//", "**", "==", "!=", "<=", ">=",
        "+", "-", "*", "/", "%", "~", "<", ">", "(", ")", "[", "]", "{", "}", ".", ",", ":", "|", "=",
    ];

    /// <summary>Lexes up to the closing <c>}}</c> or <c>%}</c>; returns its modifier ('-', '+' or '\0').</summary>
    private char LexTag(char opener, int tagStart)
    {
        var isBlock = opener == '%';
        var closer = isBlock ? "%}" : "}}";
        Add(isBlock ? TokenKind.BlockBegin : TokenKind.VariableBegin, "", tagStart);
        var braceDepth = 0;
        while (true)
        {
            while (_pos < _source.Length && char.IsWhiteSpace(_source[_pos]))
            {
                _pos++;
            }

            if (_pos >= _source.Length)
            {
                throw Error($"unclosed tag, expected '{closer}'", tagStart);
            }

            if (braceDepth == 0)
            {
                foreach (var modifier in "-+\0")
                {
                    var end = modifier == '\0' ? closer : modifier + closer;
                    if (string.CompareOrdinal(_source, _pos, end, 0, end.Length) == 0)
                    {
                        Add(isBlock ? TokenKind.BlockEnd : TokenKind.VariableEnd, "", _pos);
                        _pos += end.Length;
                        return modifier;
                    }
                }
            }

            var c = _source[_pos];
            if (c is '\'' or '"')
            {
                LexString(c);
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = _pos;
                while (_pos < _source.Length && (char.IsAsciiLetterOrDigit(_source[_pos]) || _source[_pos] == '_'))
                {
                    _pos++;
                }

                Add(TokenKind.Name, _source[start.._pos], start);
            }
            else
            {
                var op = Array.Find(Operators, o => string.CompareOrdinal(_source, _pos, o, 0, o.Length) == 0)
                    ?? throw Error($"unexpected character '{c}'", _pos);
                braceDepth += op == "{" ? 1 : op == "}" ? -1 : 0;
                Add(TokenKind.Operator, op, _pos);
                _pos += op.Length;
            }
        }
    }

    private void LexNumber()
    {
        var start = _pos;
        var isFloat = false;
        SkipDigits();
        if (_pos + 1 < _source.Length && _source[_pos] == '.' && char.IsAsciiDigit(_source[_pos + 1]))
        {
            isFloat = true;
            _pos++;
            SkipDigits();
        }

        if (_pos < _source.Length && _source[_pos] is 'e' or 'E')
        {
            var save = _pos++;
            if (_pos < _source.Length && _source[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos < _source.Length && char.IsAsciiDigit(_source[_pos]))
            {
                isFloat = true;
                SkipDigits();
            }
            else
            {
                _pos = save;
            }
        }

        var text = _source[start.._pos].Replace("_", "", StringComparison.Ordinal);
        if (!isFloat && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw Error($"integer literal '{text}' is too large", start);
        }

        Add(isFloat ? TokenKind.Float : TokenKind.Integer, text, start);
    }

    private void SkipDigits()
    {
        while (_pos < _source.Length && (char.IsAsciiDigit(_source[_pos]) || _source[_pos] == '_'))
        {
            _pos++;
        }
    }

    // Python string literal escapes; an unknown escape keeps its backslash, as in Python.
    private void LexString(char quote)
    {
        var start = _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _source.Length)
            {
                throw Error("unterminated string literal", start);
            }

            var c = _source[_pos++];
            if (c == quote)
            {
                break;
            }

            if (c != '\\' || _pos >= _source.Length)
            {
                value.Append(c);
                continue;
            }

            var e = _source[_pos++];
            switch (e)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case '0': value.Append('\0'); break;
                case '\\' or '\'' or '"': value.Append(e); break;
                case '\n': break;
                case 'x': value.Append(ReadHexEscape(2, start)); break;
                case 'u': value.Append(ReadHexEscape(4, start)); break;
                case 'U': value.Append(ReadHexEscape(8, start)); break;
                default: value.Append('\\').Append(e); break;
            }
        }

        Add(TokenKind.String, value.ToString(), start);
    }

    private string ReadHexEscape(int digits, int stringStart)
    {
        if (_pos + digits > _source.Length
            || !int.TryParse(_source.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error("invalid escape in string literal", stringStart);
        }

        _pos += digits;
        return char.ConvertFromUtf32(code);
    }
}

using System.Globalization;

namespace Gateway.Text.Templates;

/// <summary>Literals, names, parenthesised expressions and tuples, lists, dicts, and call arguments.</summary>
internal sealed partial class TemplateParser
{
    private Expr ParsePrimary()
    {
        var token = Current;
        _pos++;
        switch (token.Kind)
        {
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpr(token.Line, true),
                    "false" or "False" => new LiteralExpr(token.Line, false),
                    "none" or "None" => new LiteralExpr(token.Line, null),
                    _ => new NameExpr(token.Line, token.Value),
                };
            case TokenKind.String:
                // Adjacent string literals concatenate, as in Python.
                var text = token.Value;
                while (Current.Kind == TokenKind.String)
                {
                    text += Current.Value;
                    _pos++;
                }

                return new LiteralExpr(token.Line, text);
            case TokenKind.Integer:
                return new LiteralExpr(token.Line, ParseInteger(token.Value));
            case TokenKind.Float:
                return new LiteralExpr(token.Line, double.Parse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture));
            case TokenKind.Operator when token.Value == "(":
                if (Accept(")"))
                {
                    return new ListExpr(token.Line, [], IsTuple: true);
                }

                var inner = ParseTupleOrExpression();
                Expect(")");
                return inner;
            case TokenKind.Operator when token.Value == "[":
                return new ListExpr(token.Line, ParseSequence("]", ParseExpression));
            case TokenKind.Operator when token.Value == "{":
                return new DictExpr(token.Line, ParseSequence("}", () =>
                {
                    var key = ParseExpression();
                    Expect(":");
                    return new KeyValuePair<Expr, Expr>(key, ParseExpression());
                }));
            default:
                throw Error($"unexpected {Describe(token)}", token);
        }
    }

    /// <summary>Comma-separated items up to <paramref name="close"/>; a trailing comma is allowed.</summary>
    private List<T> ParseSequence<T>(string close, Func<T> item)
    {
        var items = new List<T>();
        while (!Accept(close))
        {
            if (items.Count > 0)
            {
                Expect(",");
                if (Accept(close))
                {
                    break;
                }
            }

            items.Add(item());
        }

        return items;
    }

    private Arguments ParseArguments()
    {
        Expect("(");
        var positional = new List<Expr>();
        var named = new List<KeyValuePair<string, Expr>>();
        while (!Accept(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                Expect(",");
                if (Accept(")"))
                {
                    break;
                }
            }

            if (Current.Kind == TokenKind.Name && Peek().IsOperator("="))
            {
                var name = Current.Value;
                _pos += 2;
                named.Add(new(name, ParseExpression()));
            }
            else
            {
                positional.Add(ParseExpression());
            }
        }

        return new Arguments(positional, named);
    }

    private static long ParseInteger(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}

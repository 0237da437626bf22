namespace Gateway.Text.Templates;

/// <summary>Recursive-descent parser from tokens to statements; expressions are in the other part.</summary>
internal sealed partial class TemplateParser
{
    private readonly List<Token> _tokens;
    private int _pos;

    // Blocks being parsed, innermost last: an unclosed one is reported where it opened.
    private readonly Stack<Token> _openBlocks = new();

    private TemplateParser(List<Token> tokens) => _tokens = tokens;

    public static IReadOnlyList<Stmt> Parse(string source)
    {
        var parser = new TemplateParser(TemplateLexer.Tokenize(source));
        var (body, end) = parser.ParseBody();
        return end is null ? body : throw Error($"unexpected '{end}'", parser.Current);
    }

    private Token Current => _tokens[_pos];

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    /// <summary>Parses statements until end of input or a block tag named in <paramref name="endTags"/>,
    /// which is consumed up to its name; returns that name, or null at end of input.</summary>
    private (List<Stmt> Body, string? End) ParseBody(params string[] endTags)
    {
        var body = new List<Stmt>();
        while (Current.Kind != TokenKind.EndOfFile)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Text:
                    body.Add(new TextStmt(token.Line, token.Value));
                    _pos++;
                    break;
                case TokenKind.VariableBegin:
                    _pos++;
                    body.Add(new OutputStmt(token.Line, ParseExpression()));
                    Expect(TokenKind.VariableEnd, "'}}'");
                    break;
                case TokenKind.BlockBegin:
                    var keyword = Peek();
                    if (keyword.Kind == TokenKind.Name && (endTags.Contains(keyword.Value) || IsStrayEnd(keyword.Value)))
                    {
                        if (!endTags.Contains(keyword.Value))
                        {
                            throw Error($"unexpected '{keyword.Value}'", keyword);
                        }

                        _pos += 2;
                        return (body, keyword.Value);
                    }

                    _pos++;
                    ParseStatement(body);
                    break;
                default:
                    throw Error($"unexpected '{token.Value}'", token);
            }
        }

        if (endTags.Length == 0)
        {
            return (body, null);
        }

        var opener = _openBlocks.Count > 0 ? _openBlocks.Peek() : Current;
        throw Error($"unexpected end of template: '{opener.Value}' is not closed, expected '{endTags[^1]}'", opener);
    }

    private static bool IsStrayEnd(string name) => name.StartsWith("end", StringComparison.Ordinal) || name is "else" or "elif";

    private void ParseStatement(List<Stmt> body)
    {
        var keyword = Expect(TokenKind.Name, "a statement name");
        _openBlocks.Push(keyword);
        ParseStatement(keyword, body);
        _openBlocks.Pop();
    }

    private void ParseStatement(Token keyword, List<Stmt> body)
    {
        switch (keyword.Value)
        {
            case "if": body.Add(ParseIf(keyword)); return;
            case "for": body.Add(ParseFor(keyword)); return;
            case "set": body.Add(ParseSet(keyword)); return;
            case "macro": body.Add(ParseMacro(keyword)); return;
            case "call": body.Add(ParseCallBlock(keyword)); return;
            case "break": EndTag(); body.Add(new BreakStmt(keyword.Line)); return;
            case "continue": EndTag(); body.Add(new ContinueStmt(keyword.Line)); return;
            case "generation":
                // Hugging Face's marker for assistant-token masks; it renders its body unchanged.
                EndTag();
                body.AddRange(ParseBlockBody("endgeneration"));
                return;
            default: throw Error($"unknown statement '{keyword.Value}'", keyword);
        }
    }

    private IfStmt ParseIf(Token keyword)
    {
        var branches = new List<KeyValuePair<Expr, IReadOnlyList<Stmt>>>();
        var condition = ParseExpression();
        while (true)
        {
            EndTag();
            var (body, end) = ParseBody("elif", "else", "endif");
            branches.Add(new(condition, body));
            if (end == "elif")
            {
                condition = ParseExpression();
                continue;
            }

            EndTag();
            var elseBody = end == "else" ? ParseBlockBody("endif") : [];
            return new IfStmt(keyword.Line, branches, elseBody);
        }
    }

    private ForStmt ParseFor(Token keyword)
    {
        var targets = new List<string> { Expect(TokenKind.Name, "a loop variable").Value };
        while (Accept(","))
        {
            targets.Add(Expect(TokenKind.Name, "a loop variable").Value);
        }

        ExpectName("in");
        var iterable = ParseOr();
        var filter = AcceptName("if") ? ParseExpression() : null;
        AcceptName("recursive");
        EndTag();
        var (body, end) = ParseBody("else", "endfor");
        EndTag();
        var elseBody = end == "else" ? ParseBlockBody("endfor") : [];

        return new ForStmt(keyword.Line, targets, iterable, filter, body, elseBody);
    }

    private Stmt ParseSet(Token keyword)
    {
        var name = Expect(TokenKind.Name, "a variable name").Value;
        if (Accept("."))
        {
            var attribute = Expect(TokenKind.Name, "an attribute name").Value;
            Expect("=");
            var attributeValue = ParseExpression();
            EndTag();
            return new SetAttributeStmt(keyword.Line, name, attribute, attributeValue);
        }

        var targets = new List<string> { name };
        while (Accept(","))
        {
            targets.Add(Expect(TokenKind.Name, "a variable name").Value);
        }

        if (targets.Count == 1 && Current.Kind == TokenKind.BlockEnd)
        {
            EndTag();
            return new SetBlockStmt(keyword.Line, name, ParseBlockBody("endset"));
        }

        Expect("=");
        var value = ParseTupleOrExpression();
        EndTag();
        return new SetStmt(keyword.Line, targets, value);
    }
}

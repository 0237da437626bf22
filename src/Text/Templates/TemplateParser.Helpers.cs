namespace Gateway.Text.Templates;

/// <summary>Macros, call blocks and the token-matching helpers of the parser.</summary>
internal sealed partial class TemplateParser
{
    private MacroStmt ParseMacro(Token keyword)
    {
        var name = Expect(TokenKind.Name, "a macro name").Value;
        var parameters = ParseParameters();
        EndTag();
        return new MacroStmt(keyword.Line, name, parameters, ParseBlockBody("endmacro"));
    }

    private CallBlockStmt ParseCallBlock(Token keyword)
    {
        var callerParameters = Current.IsOperator("(") ? ParseParameters() : [];
        var call = ParsePrimaryWithPostfix() as CallExpr ?? throw Error("expected a macro call", keyword);
        EndTag();
        return new CallBlockStmt(keyword.Line, call, callerParameters, ParseBlockBody("endcall"));
    }

    private List<MacroParameter> ParseParameters()
    {
        Expect("(");
        var parameters = new List<MacroParameter>();
        while (!Accept(")"))
        {
            if (parameters.Count > 0)
            {
                Expect(",");
            }

            var name = Expect(TokenKind.Name, "a parameter name").Value;
            parameters.Add(new MacroParameter(name, Accept("=") ? ParseExpression() : null));
        }

        return parameters;
    }

    /// <summary>A body closed by <paramref name="endTag"/>, consuming the closing tag.</summary>
    private List<Stmt> ParseBlockBody(string endTag)
    {
        var (body, _) = ParseBody(endTag);
        EndTag();
        return body;
    }

    private void EndTag() => Expect(TokenKind.BlockEnd, "'%}'");

    private Token Expect(TokenKind kind, string what)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw Error($"expected {what}, got {Describe(token)}", token);
        }

        _pos++;
        return token;
    }

    private void Expect(string op)
    {
        if (!Accept(op))
        {
            throw Error($"expected '{op}', got {Describe(Current)}", Current);
        }
    }

    private void ExpectName(string name)
    {
        if (!AcceptName(name))
        {
            throw Error($"expected '{name}', got {Describe(Current)}", Current);
        }
    }

    private bool Accept(string op)
    {
        if (!Current.IsOperator(op))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private bool AcceptName(string name)
    {
        if (!Current.IsName(name))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "end of template",
        TokenKind.BlockEnd => "'%}'",
        TokenKind.VariableEnd => "'}}'",
        TokenKind.String => "a string",
        _ => $"'{token.Value}'",
    };

    private static ChatTemplateException Error(string message, Token at) => new(message, at.Line, at.Column);
}

namespace Gateway.Text.Templates;

/// <summary>Expressions, with Jinja's precedence: conditional, or, and, not, comparisons, + -, ~, * / // %, **,
/// unary minus, then primaries with postfix access, calls, filters and tests.</summary>
internal sealed partial class TemplateParser
{
    private static readonly string[] ComparisonOperators = ["==", "!=", "<", ">", "<=", ">="];

    private Expr ParseExpression()
    {
        var expr = ParseOr();
        while (Current.IsName("if"))
        {
            var line = Current.Line;
            _pos++;
            var condition = ParseOr();
            var otherwise = AcceptName("else") ? ParseExpression() : null;
            expr = new ConditionalExpr(line, condition, expr, otherwise);
        }

        return expr;
    }

    /// <summary>An expression, or a bare tuple such as <c>1, 2</c>.</summary>
    private Expr ParseTupleOrExpression()
    {
        var first = ParseExpression();
        if (!Current.IsOperator(","))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (Accept(","))
        {
            if (Current.IsOperator(")") || Current.Kind is TokenKind.BlockEnd or TokenKind.VariableEnd)
            {
                break;
            }

            items.Add(ParseExpression());
        }

        return new ListExpr(first.Line, items, IsTuple: true);
    }

    private Expr ParseOr() => ParseLeftAssociative(ParseAnd, "or");

    private Expr ParseAnd() => ParseLeftAssociative(ParseNot, "and");

    private Expr ParseNot()
    {
        var token = Current;
        return AcceptName("not") ? new UnaryExpr(token.Line, "not", ParseNot()) : ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParseSum();
        Expr? chain = null;
        while (true)
        {
            var token = Current;
            string op;
            if (token.Kind == TokenKind.Operator && ComparisonOperators.Contains(token.Value))
            {
                op = token.Value;
                _pos++;
            }
            else if (token.IsName("in"))
            {
                op = "in";
                _pos++;
            }
            else if (token.IsName("not") && Peek().IsName("in"))
            {
                op = "not in";
                _pos += 2;
            }
            else
            {
                return chain ?? left;
            }

            // a < b < c means a < b and b < c, as in Python.
            var right = ParseSum();
            var comparison = new BinaryExpr(token.Line, op, left, right);
            chain = chain is null ? comparison : new BinaryExpr(token.Line, "and", chain, comparison);
            left = right;
        }
    }

    private Expr ParseSum() => ParseLeftAssociative(ParseConcatenation, "+", "-");

    private Expr ParseConcatenation() => ParseLeftAssociative(ParseMultiplicative, "~");

    private Expr ParseMultiplicative() => ParseLeftAssociative(ParsePower, "*", "/", "//", "%");

    private Expr ParsePower() => ParseLeftAssociative(() => ParseUnary(withFilters: true), "**");

    private Expr ParseLeftAssociative(Func<Expr> operand, params string[] operators)
    {
        var left = operand();
        while (true)
        {
            var token = Current;
            var matches = token.Kind == TokenKind.Operator ? operators.Contains(token.Value)
                : token.Kind == TokenKind.Name && token.Value is "and" or "or" && operators.Contains(token.Value);
            if (!matches)
            {
                return left;
            }

            _pos++;
            left = new BinaryExpr(token.Line, token.Value, left, operand());
        }
    }

    private Expr ParseUnary(bool withFilters)
    {
        var token = Current;
        Expr expr = Accept("-") || Accept("+")
            ? new UnaryExpr(token.Line, token.Value, ParseUnary(withFilters: false))
            : ParsePrimaryWithPostfix();
        return withFilters ? ParseFiltersAndTests(expr) : expr;
    }

    private Expr ParseFiltersAndTests(Expr expr)
    {
        while (true)
        {
            var token = Current;
            if (Accept("|"))
            {
                var name = Expect(TokenKind.Name, "a filter name").Value;
                var arguments = Current.IsOperator("(") ? ParseArguments() : Arguments.None;
                expr = new FilterExpr(token.Line, expr, name, arguments);
            }
            else if (AcceptName("is"))
            {
                var negated = AcceptName("not");
                var name = Expect(TokenKind.Name, "a test name").Value;
                var arguments = Current.IsOperator("(") ? ParseArguments()
                    : StartsTestArgument(Current) ? new Arguments([ParsePrimaryWithPostfix()], []) : Arguments.None;
                expr = new TestExpr(token.Line, expr, name, arguments, negated);
            }
            else
            {
                return expr;
            }
        }
    }

    // `x is divisibleby 3`: a test may take one argument without parentheses.
    private static bool StartsTestArgument(Token token) => token.Kind switch
    {
        TokenKind.Name => token.Value is not ("else" or "or" or "and" or "if" or "is" or "in" or "not"),
        TokenKind.String or TokenKind.Integer or TokenKind.Float => true,
        TokenKind.Operator => token.Value is "[" or "{",
        _ => false,
    };

    private Expr ParsePrimaryWithPostfix()
    {
        var expr = ParsePrimary();
        while (true)
        {
            var token = Current;
            if (Accept("."))
            {
                var member = Current;
                _pos++;
                expr = member.Kind switch
                {
                    TokenKind.Name => new AttributeExpr(token.Line, expr, member.Value),
                    TokenKind.Integer => new ItemExpr(token.Line, expr, new LiteralExpr(member.Line, ParseInteger(member.Value))),
                    _ => throw Error($"expected an attribute name, got {Describe(member)}", member),
                };
            }
            else if (Accept("["))
            {
                expr = ParseSubscript(expr, token.Line);
            }
            else if (Current.IsOperator("("))
            {
                expr = new CallExpr(token.Line, expr, ParseArguments());
            }
            else
            {
                return expr;
            }
        }
    }

    private Expr ParseSubscript(Expr target, int line)
    {
        var start = Current.IsOperator(":") ? null : ParseExpression();
        if (!Accept(":"))
        {
            Expect("]");
            return new ItemExpr(line, target, start!);
        }

        var stop = Current.IsOperator(":") || Current.IsOperator("]") ? null : ParseExpression();
        var step = Accept(":") && !Current.IsOperator("]") ? ParseExpression() : null;
        Expect("]");
        return new SliceExpr(line, target, start, stop, step);
    }
}

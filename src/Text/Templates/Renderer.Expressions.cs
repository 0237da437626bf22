namespace Gateway.Text.Templates;

/// <summary>Expression evaluation: names, access, calls, filters, tests and operators.</summary>
internal sealed partial class Renderer
{
    private object? Evaluate(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                return literal.Value;
            case NameExpr name:
                return scope.Lookup(name.Name);
            case ListExpr list:
                var items = list.Items.Select(item => Evaluate(item, scope));
                return list.IsTuple ? new PythonTuple(items) : items.ToList();
            case DictExpr dict:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in dict.Entries)
                {
                    result[TemplateValues.ToStr(Evaluate(key, scope))] = Evaluate(value, scope);
                }

                return result;
            case AttributeExpr attribute:
                return Access.GetAttribute(Evaluate(attribute.Target, scope), attribute.Name);
            case ItemExpr item:
                return Access.GetItem(Evaluate(item.Target, scope), Evaluate(item.Index, scope));
            case SliceExpr slice:
                return Access.Slice(
                    Evaluate(slice.Target, scope),
                    EvaluateOptional(slice.Start, scope),
                    EvaluateOptional(slice.Stop, scope),
                    EvaluateOptional(slice.Step, scope));
            case CallExpr call:
                return Evaluate(call.Callee, scope) switch
                {
                    TemplateFunction function => function(EvaluateArguments(call.Arguments, scope)),
                    Undefined undefined => throw new ChatTemplateException($"'{undefined.Name}' is undefined"),
                    var other => throw new ChatTemplateException($"'{TemplateValues.TypeName(other)}' object is not callable"),
                };
            case FilterExpr filter:
                return Filters.Apply(filter.Name, Evaluate(filter.Target, scope), EvaluateArguments(filter.Arguments, scope));
            case TestExpr test:
                return IsTests.Run(test.Name, Evaluate(test.Target, scope), EvaluateArguments(test.Arguments, scope)) != test.Negated;
            case UnaryExpr unary:
                var operand = Evaluate(unary.Operand, scope);
                return unary.Operator == "not" ? !TemplateValues.IsTruthy(operand) : Operators.Unary(unary.Operator, operand);
            case BinaryExpr { Operator: "and" } and:
                var left = Evaluate(and.Left, scope);
                return TemplateValues.IsTruthy(left) ? Evaluate(and.Right, scope) : left;
            case BinaryExpr { Operator: "or" } or:
                var first = Evaluate(or.Left, scope);
                return TemplateValues.IsTruthy(first) ? first : Evaluate(or.Right, scope);
            case BinaryExpr binary:
                return Operators.Binary(binary.Operator, Evaluate(binary.Left, scope), Evaluate(binary.Right, scope));
            case ConditionalExpr conditional:
                return TemplateValues.IsTruthy(Evaluate(conditional.Condition, scope))
                    ? Evaluate(conditional.Then, scope)
                    : conditional.Else is null ? new Undefined("conditional") : Evaluate(conditional.Else, scope);
            default:
                throw new ChatTemplateException($"unsupported expression {expr.GetType().Name}");
        }
    }

    private object? EvaluateOptional(Expr? expr, Scope scope) => expr is null ? null : Evaluate(expr, scope);

    private CallArguments EvaluateArguments(Arguments arguments, Scope scope)
    {
        if (arguments.Positional.Count == 0 && arguments.Named.Count == 0)
        {
            return CallArguments.Empty;
        }

        var positional = arguments.Positional.Select(argument => Evaluate(argument, scope)).ToList();
        var named = arguments.Named.ToDictionary(p => p.Key, p => Evaluate(p.Value, scope), StringComparer.Ordinal);
        return new CallArguments(positional, named);
    }
}

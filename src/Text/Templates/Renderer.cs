using System.Text;

namespace Gateway.Text.Templates;

/// <summary>Executes statements for one render; a new instance per render keeps <see cref="ChatTemplate"/> thread-safe.</summary>
internal sealed partial class Renderer
{
    private const int MaxCallDepth = 200;

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private int _callDepth;

    public static string Render(IReadOnlyList<Stmt> template, Scope globals)
    {
        var output = new StringBuilder();
        new Renderer().Execute(template, new Scope(globals), output);
        return output.ToString();
    }

    private Flow Execute(IReadOnlyList<Stmt> body, Scope scope, StringBuilder output)
    {
        foreach (var statement in body)
        {
            Flow flow;
            try
            {
                flow = Execute(statement, scope, output);
            }
            catch (ChatTemplateException e) when (e.Line is null && !e.RaisedByTemplate)
            {
                throw new ChatTemplateException(e.Message, statement.Line);
            }
            catch (Exception e) when (e is ArithmeticException or InvalidCastException or ArgumentException or FormatException)
            {
                throw new ChatTemplateException(e.Message, statement.Line);
            }

            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private Flow Execute(Stmt statement, Scope scope, StringBuilder output)
    {
        switch (statement)
        {
            case TextStmt text:
                output.Append(text.Text);
                break;
            case OutputStmt print:
                output.Append(TemplateValues.ToStr(Evaluate(print.Value, scope)));
                break;
            case IfStmt conditional:
                foreach (var (condition, branch) in conditional.Branches)
                {
                    if (TemplateValues.IsTruthy(Evaluate(condition, scope)))
                    {
                        return Execute(branch, scope, output);
                    }
                }

                return Execute(conditional.Else, scope, output);
            case ForStmt loop:
                ExecuteFor(loop, scope, output);
                break;
            case SetStmt set:
                Assign(set.Targets, Evaluate(set.Value, scope), scope);
                break;
            case SetAttributeStmt set:
                if (scope.Lookup(set.Variable) is not Namespace ns)
                {
                    throw new ChatTemplateException($"cannot assign attribute on non-namespace object '{set.Variable}'");
                }

                ns.Values[set.Attribute] = Evaluate(set.Value, scope);
                break;
            case SetBlockStmt set:
                var captured = new StringBuilder();
                Execute(set.Body, scope, captured);
                scope.Set(set.Target, captured.ToString());
                break;
            case MacroStmt macro:
                scope.Set(macro.Name, DefineMacro(macro.Parameters, macro.Body, scope));
                break;
            case CallBlockStmt call:
                var caller = DefineMacro(call.CallerParameters, call.Body, scope);
                var callee = Evaluate(call.Call.Callee, scope) as TemplateFunction
                    ?? throw new ChatTemplateException("call block needs a macro");
                var arguments = EvaluateArguments(call.Call.Arguments, scope);
                var named = new Dictionary<string, object?>(arguments.Named) { ["caller"] = caller };
                output.Append(TemplateValues.ToStr(callee(arguments with { Named = named })));
                break;
            case BreakStmt:
                return Flow.Break;
            case ContinueStmt:
                return Flow.Continue;
            default:
                throw new ChatTemplateException($"unsupported statement {statement.GetType().Name}");
        }

        return Flow.Normal;
    }

    private void ExecuteFor(ForStmt loop, Scope scope, StringBuilder output)
    {
        var items = TemplateValues.Iterate(Evaluate(loop.Iterable, scope)).Select(TemplateValues.Normalize).ToList();
        if (loop.Filter is not null)
        {
            items = items.Where(item =>
            {
                var filterScope = new Scope(scope);
                Assign(loop.Targets, item, filterScope);
                return TemplateValues.IsTruthy(Evaluate(loop.Filter, filterScope));
            }).ToList();
        }

        if (items.Count == 0)
        {
            Execute(loop.Else, scope, output);
            return;
        }

        var state = new LoopState(items);
        for (var i = 0; i < items.Count; i++)
        {
            state.Index0 = i;
            var iterationScope = new Scope(scope);
            iterationScope.Set("loop", state);
            Assign(loop.Targets, items[i], iterationScope);
            if (Execute(loop.Body, iterationScope, output) == Flow.Break)
            {
                break;
            }
        }
    }

    /// <summary>Binds one name, or unpacks a sequence into several (<c>for k, v in d.items()</c>).</summary>
    private static void Assign(IReadOnlyList<string> targets, object? value, Scope scope)
    {
        if (targets.Count == 1)
        {
            scope.Set(targets[0], value);
            return;
        }

        var values = value is IReadOnlyList<object?> list && list.Count == targets.Count
            ? list
            : throw new ChatTemplateException($"cannot unpack {TemplateValues.TypeName(value)} into {targets.Count} values");
        for (var i = 0; i < targets.Count; i++)
        {
            scope.Set(targets[i], TemplateValues.Normalize(values[i]));
        }
    }

    private TemplateFunction DefineMacro(IReadOnlyList<MacroParameter> parameters, IReadOnlyList<Stmt> body, Scope definition) =>
        arguments =>
        {
            if (++_callDepth > MaxCallDepth)
            {
                throw new ChatTemplateException("macro calls nested too deeply");
            }

            var scope = new Scope(definition);
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                var value = arguments.Get(i, parameter.Name, Undefined.Instance);
                scope.Set(parameter.Name, value is Undefined && parameter.Default is not null ? Evaluate(parameter.Default, scope) : value);
            }

            // A call block passes the body to render as the keyword argument "caller".
            scope.Set("caller", arguments.Named.TryGetValue("caller", out var passed) ? passed : new Undefined("caller"));
            var output = new StringBuilder();
            Execute(body, scope, output);
            _callDepth--;
            return output.ToString();
        };
}

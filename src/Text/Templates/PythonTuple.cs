namespace Gateway.Text.Templates;

/// <summary>A tuple (<c>(a, b)</c>, <c>dict.items()</c> pairs): a list that prints with parentheses, as Python does.</summary>
internal sealed class PythonTuple(IEnumerable<object?> items) : List<object?>(items);

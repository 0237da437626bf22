namespace Gateway.Text.Templates;

/// <summary>
/// A chat template could not be parsed or rendered. When the template itself called
/// <c>raise_exception(msg)</c>, <see cref="Exception.Message"/> is exactly <c>msg</c> and
/// <see cref="RaisedByTemplate"/> is set: the request was invalid for this model (a 400, not a 500).
/// </summary>
public sealed class ChatTemplateException : Exception
{
    public ChatTemplateException()
    {
    }

    public ChatTemplateException(string message)
        : base(message)
    {
    }

    public ChatTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ChatTemplateException(string message, int line, int? column = null)
        : base(column is null ? $"{message} (line {line})" : $"{message} (line {line}, column {column})")
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line in the template source, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the template source, when known.</summary>
    public int? Column { get; }

    /// <summary>True when the template called <c>raise_exception</c>.</summary>
    public bool RaisedByTemplate { get; private init; }

    internal static ChatTemplateException Raised(string message) => new(message) { RaisedByTemplate = true };
}

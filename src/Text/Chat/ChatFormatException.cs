namespace Gateway.Text.Chat;

/// <summary>
/// A conversation that does not have OpenAI's shape. <see cref="Param"/> is the JSON path of the problem
/// (<c>messages[2].role</c>) and <see cref="Problem"/> what is wrong with it; the message reads "'messages[2].role' must be …".
/// </summary>
public sealed class ChatFormatException(string param, string problem) : Exception($"'{param}' {problem}")
{
    public string Param { get; } = param;
    public string Problem { get; } = problem;
}

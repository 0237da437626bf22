using Gateway.Text.Chat;

namespace Gateway.Training.Data;

/// <summary>One conversation of the training file.</summary>
/// <param name="Line">1-based line of the JSON-lines file it came from, for error messages.</param>
public sealed record ChatExample(int Line, IReadOnlyList<ChatTurn> Messages);

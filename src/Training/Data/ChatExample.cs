namespace Gateway.Training.Data;

/// <summary>One conversation of the training file, as the chat template expects it: role and content per message.</summary>
/// <param name="Line">1-based line of the JSON-lines file it came from, for error messages.</param>
public sealed record ChatExample(int Line, IReadOnlyList<IReadOnlyDictionary<string, object?>> Messages);

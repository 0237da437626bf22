namespace Gateway.Inference.Models;

/// <summary>A package the engine cannot serve, with the reason in words an operator can act on.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }
    public ModelLoadException(string message, Exception inner) : base(message, inner) { }
}

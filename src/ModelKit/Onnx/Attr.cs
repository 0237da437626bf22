namespace Gateway.ModelKit.Onnx;

/// <summary>A node attribute: long, long[], float, float[], string or <see cref="TensorData"/>.</summary>
public readonly record struct Attr(string Name, object Value);

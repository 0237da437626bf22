namespace Gateway.ModelKit.Onnx;

/// <summary>The ONNX versions the model kit writes.</summary>
public static class OnnxFormat
{
    /// <summary>IR version 10 (ONNX 1.16): ONNX Runtime 1.31 loads it; IR 14 is refused by that runtime.</summary>
    public const long IrVersion = 10;

    /// <summary>Default-domain opset 21: ReduceMean and Unsqueeze take axes as inputs; every op we use has a CPU kernel.</summary>
    public const long Opset = 21;

    public const string ProducerName = "gateway-modelkit";
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Gateway.Inference.Models;

/// <summary>The device a model runs on: CPU, or one CUDA GPU (with the GPU build of ONNX Runtime).</summary>
public sealed record ExecutionProvider(string Kind, int DeviceId)
{
    /// <summary>The device names <see cref="Parse"/> understands, for messages.</summary>
    public const string KnownDevices = "cpu, cuda or cuda:N";

    public static ExecutionProvider Cpu { get; } = new("cpu", 0);

    public bool IsCuda => Kind == "cuda";

    public override string ToString() => IsCuda ? $"cuda:{DeviceId}" : "cpu";

    public static ExecutionProvider Parse(string device) =>
        TryParse(device, out var provider) ? provider : throw new ArgumentException($"device '{device}' is not understood: use {KnownDevices}");

    public static bool TryParse(string? device, [NotNullWhen(true)] out ExecutionProvider? provider)
    {
        string d = device?.Trim().ToLowerInvariant() ?? "";
        provider = d switch
        {
            "cpu" => Cpu,
            "cuda" => new("cuda", 0),
            _ when d.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(d[5..], NumberStyles.None, CultureInfo.InvariantCulture, out int id) => new("cuda", id),
            _ => null,
        };
        return provider is not null;
    }

    /// <summary>Session options for this device; throws <see cref="ModelLoadException"/> when the provider cannot load.</summary>
    public SessionOptions CreateSessionOptions(EngineOptions options, Action<string>? warn = null)
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (options.IntraOpThreads > 0)
        {
            session.IntraOpNumThreads = options.IntraOpThreads;
        }

        session.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        session.AddSessionConfigEntry("session.inter_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        if (options.InterOpThreads > 0)
        {
            session.InterOpNumThreads = options.InterOpThreads;
        }

        if (IsCuda)
        {
            AppendCuda(session, options, warn);
        }

        return session;
    }

    private void AppendCuda(SessionOptions session, EngineOptions options, Action<string>? warn)
    {
        try
        {
            using var cuda = new OrtCUDAProviderOptions();
            var settings = new Dictionary<string, string> { ["device_id"] = DeviceId.ToString(CultureInfo.InvariantCulture) };
            if (options.GpuMemoryLimitBytes is { } limit)
            {
                settings["gpu_mem_limit"] = limit.ToString(CultureInfo.InvariantCulture);
                settings["arena_extend_strategy"] = "kSameAsRequested";
            }

            cuda.UpdateOptions(settings);
            session.AppendExecutionProvider_CUDA(cuda);
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            // The CPU build has no CUDA provider; the GPU build names it but fails to load its shared
            // library where CUDA 13 / cuDNN are missing. Either way the cause must reach the operator.
            string reason = $"the CUDA execution provider for {this} could not be loaded ({e.Message.Trim()}). " +
                "Build with -p:Gpu=true for the GPU package, and install CUDA 13 and cuDNN on the host";
            if (!options.FallbackToCpu)
            {
                throw new ModelLoadException(reason, e);
            }

            warn?.Invoke(reason + "; falling back to CPU as configured");
        }
    }
}

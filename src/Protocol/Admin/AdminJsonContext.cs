using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Protocol.Admin;

/// <summary>
/// The admin API's JSON, written by the gateway and read by gw: web defaults (camelCase properties,
/// dictionary keys as they are), as the API has always answered.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PathRequest))]
[JsonSerializable(typeof(VersionRequest))]
[JsonSerializable(typeof(CanaryRequest))]
[JsonSerializable(typeof(Dictionary<string, DepartmentModels>))]
[JsonSerializable(typeof(IReadOnlyList<AuditRecord>))]
[JsonSerializable(typeof(RegistrationResult))]
[JsonSerializable(typeof(ActivationResult))]
[JsonSerializable(typeof(CanaryStarted))]
[JsonSerializable(typeof(CanaryStopped))]
[JsonSerializable(typeof(RouterStatus))]
[JsonSerializable(typeof(RouterVersionRegistered))]
[JsonSerializable(typeof(RouterShadowStarted))]
[JsonSerializable(typeof(RouterActivated))]
public sealed partial class AdminJsonContext : JsonSerializerContext
{
    /// <summary>
    /// What the gateway answers with: the options of ASP.NET Core's own JSON results (web defaults, text such as
    /// quotes and non-ASCII unescaped), so the API's bytes stay as they were. Reading is the same with <see cref="Default"/>.
    /// </summary>
    public static AdminJsonContext Answers { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

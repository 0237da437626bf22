using System.Text.Json;
using Gateway.Protocol.Admin;

namespace Gateway.Protocol.Tests.Admin;

/// <summary>The admin API's property names are what gw and scripts read: they stay as the API has always written them.</summary>
public class AdminJsonContextTests
{
    private static AdminJsonContext Json => AdminJsonContext.Answers;

    [Fact]
    public void ActivationResult_HasTheWireNames()
    {
        var result = new ActivationResult("hr", "hr-2", null) { Workers = [new WorkerActivation("http://127.0.0.1:5101/", true, "{}")] };

        Assert.Equal("""{"department":"hr","version":"hr-2","previous":null,"workers":[{"worker":"http://127.0.0.1:5101/","ok":true,"detail":"{}"}]}""",
            JsonSerializer.Serialize(result, Json.ActivationResult));
    }

    [Fact]
    public void Departments_KeepTheirKeysAndCamelCaseFields()
    {
        var registered = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var departments = new Dictionary<string, DepartmentModels>
        {
            ["IT-Desk"] = new("v1", "v2", 25, ["v0"], new Dictionary<string, ModelVersionInfo> { ["V1"] = new("/models/it/v1", registered, "validated", null) }),
        };

        Assert.Equal("""{"IT-Desk":{"active":"v1","canary":"v2","canaryPercent":25,"history":["v0"],"versions":{"V1":{"path":"/models/it/v1","registered":"2025-01-02T03:04:05+00:00","status":"validated","reason":null}}}}""",
            JsonSerializer.Serialize(departments, Json.DictionaryStringDepartmentModels));
    }

    [Fact]
    public void Answers_LeaveTextUnescaped_AsAspNetCoresJsonResultsDo()
    {
        var refused = new RegistrationResult("it", "v6", "refused", "package folder '/m/é<v6>' does not exist", "/m/é<v6>");

        Assert.Equal("""{"department":"it","version":"v6","status":"refused","reason":"package folder '/m/é<v6>' does not exist","path":"/m/é<v6>"}""",
            JsonSerializer.Serialize(refused, Json.RegistrationResult));
    }

    [Fact]
    public void RouterActivated_NamesTheAgreementShadowAgreement()
    {
        var activated = new RouterActivated("v2", "v1", new ShadowAgreement(4, 3, 0.75));

        Assert.Equal("""{"version":"v2","previous":"v1","shadowAgreement":{"scored":4,"agreed":3,"rate":0.75}}""",
            JsonSerializer.Serialize(activated, Json.RouterActivated));
    }

    [Fact]
    public void CanaryStopped_ReadAsAnActivation_HasNoPreviousAndNoWorkers()
    {
        string stopped = JsonSerializer.Serialize(new CanaryStopped("it", CanaryStopped.Stopped, "v1"), Json.CanaryStopped);

        var read = JsonSerializer.Deserialize(stopped, Json.ActivationResult)!;

        Assert.Equal("""{"department":"it","canary":"stopped","version":"v1"}""", stopped);
        Assert.Equal(("it", "v1", (string?)null), (read.Department, read.Version, read.Previous));
        Assert.Empty(read.Workers);
    }

    [Theory]
    [InlineData(AdminRoutes.Departments, null, "/admin/departments")]
    [InlineData(AdminRoutes.Activate, "hr", "/admin/departments/hr/activate")]
    [InlineData(AdminRoutes.RegisterVersion, "h r/x", "/admin/departments/h%20r%2Fx/versions")]
    [InlineData(AdminRoutes.RouterShadow, null, "/admin/router/shadow")]
    public void Path_FillsInTheEscapedDepartment(string route, string? department, string path) =>
        Assert.Equal(path, AdminRoutes.Path(route, department));
}

using System.Formats.Tar;
using System.IO.Compression;
using Gateway.Configuration;
using Gateway.Protocol.Errors;

namespace Gateway.Admin;

/// <summary>
/// A package uploaded as .tar.gz: unpacked into &lt;registry folder&gt;/&lt;department&gt;/upload-&lt;id&gt; next to the others
/// (entries that would escape the folder are refused by the tar reader), then registered from there.
/// </summary>
public sealed class PackageUploads(RoutingConfigStore configs)
{
    public async Task<string> ExtractAsync(string department, HttpRequest request, CancellationToken cancellationToken)
    {
        var config = configs.Current;
        if (request.ContentLength is 0 or null && !request.Headers.TransferEncoding.Any())
        {
            throw new OpenAiException(400, "send a package folder as a .tar.gz body (Content-Type: application/gzip), or JSON {\"path\": …}", code: "missing_body");
        }

        // Beside the registry (the writable models folder), not beside routing.json, which may be a read-only mount.
        string target = Path.Combine(config.BaseDirectory, config.Lifecycle.Registry, department, "upload-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(target);
        try
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress);
            await TarFile.ExtractToDirectoryAsync(gzip, target, overwriteFiles: false, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Directory.Delete(target, recursive: true);
            throw new OpenAiException(400, $"the upload is not a readable .tar.gz package: {e.Message}", code: "invalid_upload");
        }

        // A tarball of a folder usually holds that folder: serve from inside it.
        var entries = Directory.GetFileSystemEntries(target);
        return entries.Length == 1 && Directory.Exists(entries[0]) ? entries[0] : target;
    }
}

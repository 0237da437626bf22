using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;

namespace Gateway.Cli.Admin;

/// <summary>A local package folder as a .tar.gz request body (the folder's files at the archive's root).</summary>
internal static class PackageTarball
{
    public static async Task<HttpContent> CreateAsync(string folder, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(folder, gzip, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
        }

        buffer.Position = 0;
        var content = new StreamContent(buffer);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        content.Headers.ContentLength = buffer.Length;
        return content;
    }
}

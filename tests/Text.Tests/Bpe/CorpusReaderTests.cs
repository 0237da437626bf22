using Gateway.Text.Bpe;

namespace Gateway.Text.Tests.Bpe;

public sealed class CorpusReaderTests
{
    [Fact]
    public void ReadTexts_Directory_ReadsSupportedFilesRecursivelyInPathOrder()
    {
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory.Combine("b"));
        File.WriteAllText(directory.Combine("b", "notes.md"), "# Notes\n\nsecond");
        File.WriteAllText(directory.Combine("a.txt"), "first\nline two");
        File.WriteAllText(directory.Combine("c.jsonl"), "{\"text\": \"third\"}\n");
        File.WriteAllText(directory.Combine("ignored.bin"), "not corpus");

        var texts = CorpusReader.ReadTexts(directory.Path).ToList();

        Assert.Equal(["first\nline two", "# Notes\n\nsecond", "third"], texts);
    }

    [Fact]
    public void ReadTexts_JsonLines_TakesTextContentAndMessageContents()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("chat.jsonl");
        File.WriteAllLines(path,
        [
            "{\"text\": \"plain\", \"id\": 7}",
            "",
            "{\"content\": \"direct\"}",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"question\"}, {\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"answer\"}]}]}",
            "{\"other\": \"skipped\"}",
        ]);

        Assert.Equal(["plain", "direct", "question", "answer"], CorpusReader.ReadTexts(path));
    }

    [Fact]
    public void ReadTexts_InvalidJsonLine_ThrowsNamingFileAndLine()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("bad.jsonl");
        File.WriteAllLines(path, ["{\"text\": \"ok\"}", "{\"text\": "]);

        var error = Assert.Throws<InvalidDataException>(() => CorpusReader.ReadTexts(path).ToList());

        Assert.StartsWith($"{path}:2: invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTexts_MissingPath_ThrowsFileNotFoundNamingPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-corpus-" + Guid.NewGuid());

        var error = Assert.Throws<FileNotFoundException>(() => CorpusReader.ReadTexts(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTexts_UnsupportedSingleFile_ThrowsNamingFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("corpus.csv");
        File.WriteAllText(path, "a,b");

        var error = Assert.Throws<InvalidDataException>(() => CorpusReader.ReadTexts(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}

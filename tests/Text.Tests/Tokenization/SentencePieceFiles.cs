using System.Text.Json.Nodes;

namespace Gateway.Text.Tests.Tokenization;

/// <summary>
/// Writes a tiny SentencePiece-style BPE tokenizer.json: &lt;unk&gt; &lt;s&gt; &lt;/s&gt;, the 256 &lt;0xNN&gt; byte
/// tokens (ids 3..258), the letters of "Hello world" and merges that build "▁Hello" and "▁world".
/// Two pipelines spell the same model: Llama 2's (Prepend/Replace normalizer, Strip decoder) and the newer
/// Metaspace one (prepend_scheme "first", as recent Mistral/Llama files use).
/// </summary>
internal static class SentencePieceFiles
{
    public const string Space = "\u2581";

    private static readonly string[] Pieces = ["▁", "H", "e", "l", "o", "w", "r", "d", "▁H", "el", "ell", "▁Hell", "▁Hello", "▁w", "or", "▁wor", "ld", "▁world"];
    private static readonly string[][] Merges = [["▁", "H"], ["e", "l"], ["el", "l"], ["▁H", "ell"], ["▁Hell", "o"], ["▁", "w"], ["o", "r"], ["▁w", "or"], ["l", "d"], ["▁wor", "ld"]];

    public static int Id(string piece) => 259 + Array.IndexOf(Pieces, piece);

    public static JsonObject Llama2Style()
    {
        var json = Common();
        json["normalizer"] = Parse("""{"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"▁"},{"type":"Replace","pattern":{"String":" "},"content":"▁"}]}""");
        json["pre_tokenizer"] = null;
        json["post_processor"] = Parse("""{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<s>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],"pair":[],"special_tokens":{"<s>":{"id":"<s>","ids":[1],"tokens":["<s>"]}}}""");
        json["decoder"] = Parse("""{"type":"Sequence","decoders":[{"type":"Replace","pattern":{"String":"▁"},"content":" "},{"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ","start":1,"stop":0}]}""");
        return json;
    }

    public static JsonObject MetaspaceStyle()
    {
        var json = Common();
        json["normalizer"] = null;
        json["pre_tokenizer"] = Parse("""{"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":false}""");
        json["post_processor"] = null;
        json["decoder"] = Parse("""{"type":"Sequence","decoders":[{"type":"ByteFallback"},{"type":"Metaspace","replacement":"▁","prepend_scheme":"first","split":false}]}""");
        return json;
    }

    /// <summary>Writes tokenizer.json and a tokenizer_config.json (BOS &lt;s&gt; added, EOS &lt;/s&gt;).</summary>
    public static void Write(string directory, JsonObject tokenizerJson)
    {
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), tokenizerJson.ToJsonString());
        File.WriteAllText(
            Path.Combine(directory, "tokenizer_config.json"),
            """{"add_bos_token":true,"add_eos_token":false,"bos_token":"<s>","eos_token":"</s>","unk_token":"<unk>"}""");
    }

    private static JsonObject Common()
    {
        var vocab = new JsonObject { ["<unk>"] = 0, ["<s>"] = 1, ["</s>"] = 2 };
        for (var b = 0; b < 256; b++)
        {
            vocab[$"<0x{b:X2}>"] = 3 + b;
        }

        foreach (var piece in Pieces)
        {
            vocab[piece] = Id(piece);
        }

        var model = new JsonObject
        {
            ["type"] = "BPE",
            ["unk_token"] = "<unk>",
            ["fuse_unk"] = true,
            ["byte_fallback"] = true,
            ["vocab"] = vocab,
            ["merges"] = new JsonArray([.. Merges.Select(static m => (JsonNode)new JsonArray(m[0], m[1]))]),
        };
        var added = new JsonArray();
        foreach (var (content, id) in new[] { ("<unk>", 0), ("<s>", 1), ("</s>", 2) })
        {
            added.Add(new JsonObject { ["id"] = id, ["content"] = content, ["special"] = true, ["normalized"] = false });
        }

        return new JsonObject { ["version"] = "1.0", ["added_tokens"] = added, ["model"] = model };
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}

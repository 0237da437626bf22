using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Text.Tokenization;

/// <summary>
/// The tokenizer.json "normalizer": a chain of string rewrites applied to each piece of text between added tokens.
/// Supports what decoder-only SLMs use: Sequence, NFC/NFD/NFKC/NFKD, Lowercase, Prepend, Replace.
/// </summary>
/// <remarks>
/// Unicode normalization goes through <see cref="string.Normalize(NormalizationForm)"/>, which is a no-op when the
/// process runs with InvariantGlobalization (as this solution does): text that is not already NFC then gets other
/// ids than Hugging Face would give, though it still round-trips exactly.
/// </remarks>
internal sealed class TextNormalizer
{
    public static readonly TextNormalizer None = new([]);

    private readonly Func<string, string>[] _steps;

    private TextNormalizer(Func<string, string>[] steps) => _steps = steps;

    public string Apply(string text)
    {
        foreach (var step in _steps)
        {
            text = step(text);
        }

        return text;
    }

    public static TextNormalizer FromJson(JsonElement? normalizer, string path)
    {
        if (normalizer is not { } element)
        {
            return None;
        }

        var steps = new List<Func<string, string>>();
        AddSteps(element, path, steps);
        return new TextNormalizer([.. steps]);
    }

    private static void AddSteps(JsonElement element, string path, List<Func<string, string>> steps)
    {
        var type = TokenizerJson.TypeOf(element, path, "normalizer");
        switch (type)
        {
            case "Sequence":
                foreach (var child in TokenizerJson.Array(element, "normalizers", path))
                {
                    AddSteps(child, path, steps);
                }

                break;
            case "NFC":
                steps.Add(static s => s.Normalize(NormalizationForm.FormC));
                break;
            case "NFD":
                steps.Add(static s => s.Normalize(NormalizationForm.FormD));
                break;
            case "NFKC":
                steps.Add(static s => s.Normalize(NormalizationForm.FormKC));
                break;
            case "NFKD":
                steps.Add(static s => s.Normalize(NormalizationForm.FormKD));
                break;
            case "Lowercase":
                steps.Add(static s => s.ToLowerInvariant());
                break;
            case "Prepend":
                var prefix = TokenizerJson.String(element, "prepend") ?? throw TokenizerJson.Invalid(path, "Prepend normalizer has no 'prepend'");

                // Hugging Face prepends only to non-empty text.
                steps.Add(s => s.Length == 0 ? s : prefix + s);
                break;
            case "Replace":
                steps.Add(ReplaceStep(element, path));
                break;
            default:
                throw TokenizerJson.Unsupported(path, "normalizer", type);
        }
    }

    private static Func<string, string> ReplaceStep(JsonElement element, string path)
    {
        var content = TokenizerJson.String(element, "content") ?? throw TokenizerJson.Invalid(path, "Replace normalizer has no 'content'");
        if (element.TryGetProperty("pattern", out var pattern) && TokenizerJson.String(pattern, "String") is { Length: > 0 } literal)
        {
            return s => s.Replace(literal, content, StringComparison.Ordinal);
        }

        var regex = new Regex(TokenizerJson.PatternRegex(element, path, "Replace normalizer"), RegexOptions.CultureInvariant);
        var replacement = content.Replace("$", "$$", StringComparison.Ordinal);
        return s => regex.Replace(s, replacement);
    }
}

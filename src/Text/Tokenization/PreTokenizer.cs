using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Text.Tokenization;

/// <summary>
/// The tokenizer.json "pre_tokenizer": splits normalized text into words that BPE merges never cross.
/// Supports Split, ByteLevel, Metaspace, Digits and Sequences of them. ByteLevel contributes its split
/// (when use_regex) and marks the words for byte-level mapping, which the tokenizer does after splitting.
/// </summary>
internal sealed class PreTokenizer
{
    /// <summary>The GPT-2 split ByteLevel applies when use_regex is true.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    // One step maps a word (and whether it starts the input) to the words it splits into.
    private delegate void Step(string word, bool startsInput, List<string> output);

    private readonly Step[] _steps;

    private PreTokenizer(Step[] steps, bool byteLevel)
    {
        _steps = steps;
        IsByteLevel = byteLevel;
    }

    /// <summary>Whether words must be mapped to the GPT-2 byte alphabet before BPE.</summary>
    public bool IsByteLevel { get; }

    /// <summary>Adds the words of <paramref name="text"/>; <paramref name="startsInput"/> is false after an added token.</summary>
    public void Split(string text, bool startsInput, List<string> output)
    {
        if (_steps.Length == 0)
        {
            output.Add(text);
            return;
        }

        List<string> words = [text];
        var next = new List<string>();
        for (var s = 0; s < _steps.Length; s++)
        {
            var target = s == _steps.Length - 1 ? output : next;
            for (var w = 0; w < words.Count; w++)
            {
                _steps[s](words[w], startsInput && w == 0, target);
            }

            (words, next) = (next, words);
            next.Clear();
        }
    }

    public static PreTokenizer FromJson(JsonElement? preTokenizer, string path)
    {
        var steps = new List<Step>();
        var byteLevel = false;
        if (preTokenizer is { } element)
        {
            AddSteps(element, path, steps, ref byteLevel);
        }

        return new PreTokenizer([.. steps], byteLevel);
    }

    private static void AddSteps(JsonElement element, string path, List<Step> steps, ref bool byteLevel)
    {
        var type = TokenizerJson.TypeOf(element, path, "pre_tokenizer");
        if (byteLevel)
        {
            // Later steps would see byte-level symbols instead of text; no known tokenizer does this.
            throw TokenizerJson.Unsupported(path, "pre_tokenizer", $"{type} after ByteLevel");
        }

        switch (type)
        {
            case "Sequence":
                foreach (var child in TokenizerJson.Array(element, "pretokenizers", path))
                {
                    AddSteps(child, path, steps, ref byteLevel);
                }

                break;
            case "Split":
                steps.Add(SplitStep(element, path));
                break;
            case "ByteLevel":
                byteLevel = true;
                if (TokenizerJson.Bool(element, "add_prefix_space", false))
                {
                    steps.Add(static (word, _, output) => output.Add(word.StartsWith(' ') ? word : " " + word));
                }

                if (TokenizerJson.Bool(element, "use_regex", true))
                {
                    steps.Add(Splitter(Gpt2Pattern, SplitBehavior.Isolated));
                }

                break;
            case "Metaspace":
                steps.Add(MetaspaceStep(element, path));
                break;
            case "Digits":
                steps.Add(Splitter(TokenizerJson.Bool(element, "individual_digits", false) ? @"\p{N}" : @"\p{N}+", SplitBehavior.Isolated));
                break;
            default:
                throw TokenizerJson.Unsupported(path, "pre_tokenizer", type);
        }
    }

    private static Step SplitStep(JsonElement element, string path)
    {
        if (TokenizerJson.Bool(element, "invert", false))
        {
            throw TokenizerJson.Unsupported(path, "pre_tokenizer", "Split with invert=true");
        }

        var behaviorName = TokenizerJson.String(element, "behavior") ?? "Isolated";
        if (!Enum.TryParse<SplitBehavior>(behaviorName, ignoreCase: false, out var behavior) || !Enum.IsDefined(behavior))
        {
            throw TokenizerJson.Unsupported(path, "pre_tokenizer", $"Split with behavior {behaviorName}");
        }

        return Splitter(TokenizerJson.PatternRegex(element, path, "Split pre_tokenizer"), behavior);
    }

    private static Step Splitter(string pattern, SplitBehavior behavior)
    {
        var splitter = new RegexSplitter(new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant), behavior);
        return (word, _, output) => splitter.Split(word, output);
    }

    // Spaces become the replacement ("▁"), which starts the input (scheme "first") or every piece ("always"),
    // and, with split, starts each word.
    private static Step MetaspaceStep(JsonElement element, string path)
    {
        var replacement = TokenizerJson.String(element, "replacement") ?? "\u2581";
        var scheme = TokenizerJson.String(element, "prepend_scheme")
            ?? (TokenizerJson.Bool(element, "add_prefix_space", true) ? "always" : "never");
        if (scheme is not ("always" or "first" or "never"))
        {
            throw TokenizerJson.Unsupported(path, "pre_tokenizer", $"Metaspace with prepend_scheme {scheme}");
        }

        RegexSplitter? splitter = TokenizerJson.Bool(element, "split", true)
            ? new RegexSplitter(new Regex(Regex.Escape(replacement), RegexOptions.CultureInvariant), SplitBehavior.MergedWithNext)
            : null;
        return (word, startsInput, output) =>
        {
            var replaced = word.Replace(" ", replacement, StringComparison.Ordinal);
            var prepend = scheme == "always" || (scheme == "first" && startsInput);
            if (prepend && !replaced.StartsWith(replacement, StringComparison.Ordinal))
            {
                replaced = replacement + replaced;
            }

            if (splitter is null)
            {
                output.Add(replaced);
            }
            else
            {
                splitter.Split(replaced, output);
            }
        };
    }
}

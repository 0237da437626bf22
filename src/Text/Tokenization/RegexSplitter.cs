using System.Text.RegularExpressions;

namespace Gateway.Text.Tokenization;

/// <summary>How a split keeps its delimiters (Hugging Face SplitDelimiterBehavior).</summary>
internal enum SplitBehavior
{
    Isolated,
    Removed,
    MergedWithPrevious,
    MergedWithNext,
}

/// <summary>Splits a piece of text at the matches of a regex, keeping the delimiters as the behavior says.</summary>
internal sealed class RegexSplitter(Regex regex, SplitBehavior behavior)
{
    public void Split(string text, List<string> output)
    {
        var previousEnd = 0;
        var pendingStart = 0; // start of a piece still growing (MergedWithNext keeps the delimiter for the next piece)
        for (var match = regex.Match(text); match.Success; match = match.NextMatch())
        {
            if (match.Length == 0)
            {
                continue;
            }

            var gapStart = previousEnd;
            switch (behavior)
            {
                case SplitBehavior.Isolated:
                    AddSpan(text, gapStart, match.Index, output);
                    AddSpan(text, match.Index, match.Index + match.Length, output);
                    break;
                case SplitBehavior.Removed:
                    AddSpan(text, gapStart, match.Index, output);
                    break;
                case SplitBehavior.MergedWithPrevious:
                    AddSpan(text, gapStart, match.Index + match.Length, output);
                    break;
                case SplitBehavior.MergedWithNext:
                    AddSpan(text, pendingStart, match.Index, output);
                    pendingStart = match.Index;
                    break;
            }

            previousEnd = match.Index + match.Length;
        }

        AddSpan(text, behavior == SplitBehavior.MergedWithNext ? pendingStart : previousEnd, text.Length, output);
    }

    private static void AddSpan(string text, int start, int end, List<string> output)
    {
        if (end > start)
        {
            output.Add(start == 0 && end == text.Length ? text : text[start..end]);
        }
    }
}

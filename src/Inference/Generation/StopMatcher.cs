namespace Gateway.Inference.Generation;

/// <summary>
/// Finds stop strings in streamed text. Text that might be the start of a stop string is held back
/// until it is ruled out, so a client never sees any part of the stop string.
/// </summary>
internal sealed class StopMatcher(IReadOnlyList<string> stops)
{
    private string _pending = "";

    public bool Stopped { get; private set; }

    /// <summary>Adds a text delta; returns the text that is safe to emit.</summary>
    public string Push(string delta)
    {
        if (Stopped)
        {
            return "";
        }

        if (stops.Count == 0)
        {
            return delta;
        }

        _pending += delta;
        int first = -1;
        foreach (string stop in stops)
        {
            int at = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            Stopped = true;
            string before = _pending[..first];
            _pending = "";
            return before;
        }

        int hold = LongestSuffixThatStartsAStop();
        string safe = _pending[..^hold];
        _pending = _pending[^hold..];
        return safe;
    }

    /// <summary>The held-back text once the stream ends without a stop string.</summary>
    public string Flush()
    {
        string rest = Stopped ? "" : _pending;
        _pending = "";
        return rest;
    }

    private int LongestSuffixThatStartsAStop()
    {
        int longest = 0;
        foreach (string stop in stops)
        {
            for (int length = Math.Min(stop.Length - 1, _pending.Length); length > longest; length--)
            {
                if (_pending.AsSpan(_pending.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}

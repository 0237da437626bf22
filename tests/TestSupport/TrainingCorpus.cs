using System.Text;

namespace Gateway.TestSupport;

/// <summary>A seeded, English-like help-desk corpus: enough repetition for merges to be learned.</summary>
public static class TrainingCorpus
{
    private static readonly string[] Subjects = ["The headset", "My VPN client", "The leave policy", "Your laptop", "The printer", "Our helpdesk", "The Wi-Fi network", "The expense report"];
    private static readonly string[] Verbs = ["needs", "requires", "supports", "blocks", "describes", "connects to", "updates", "resets"];
    private static readonly string[] Objects = ["a firmware update", "the corporate network", "annual leave requests", "two-factor authentication", "the microphone settings", "parental leave of 16 weeks", "a new password every 90 days", "the Bluetooth adapter"];
    private static readonly string[] Syllables = ["con", "fig", "ur", "a", "tion", "net", "work", "head", "set", "pol", "i", "cy", "vac", "an", "ser", "ver", "pro", "file", "sync", "mail", "box", "port", "al", "ten", "ant", "re", "quest", "ap", "prov", "er", "sec", "ure", "log", "in", "dev", "ice", "man", "age", "ment", "tick"];
    private static readonly string[] Endings = [".", "!", "?", " today.", " after a restart.", " (see ticket #4821).", ", please check.", "; contact IT."];

    /// <summary>Returns paragraphs of roughly <paramref name="approximateChars"/> characters in total.</summary>
    public static List<string> Generate(int approximateChars, int seed = 42)
    {
        var random = new Random(seed);
        var paragraphs = new List<string>();
        var total = 0;
        while (total < approximateChars)
        {
            var paragraph = new StringBuilder();
            var sentences = random.Next(2, 6);
            for (var i = 0; i < sentences; i++)
            {
                paragraph.Append(Pick(random, Subjects)).Append(' ').Append(Pick(random, Verbs)).Append(' ')
                    .Append(Pick(random, Objects)).Append(" via ").Append(Jargon(random)).Append(Pick(random, Endings)).Append(i + 1 < sentences ? " " : "\n");
            }

            paragraphs.Add(paragraph.ToString());
            total += paragraph.Length;
        }

        return paragraphs;
    }

    // Made-up product words with a skewed distribution give BPE many distinct, repeated words to merge.
    private static string Jargon(Random random)
    {
        var length = random.Next(2, 5);
        var word = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var index = (int)(Syllables.Length * Math.Pow(random.NextDouble(), 2));
            word.Append(Syllables[index]);
        }

        return random.Next(5) == 0 ? char.ToUpperInvariant(word[0]) + word.ToString(1, word.Length - 1) : word.ToString();
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}

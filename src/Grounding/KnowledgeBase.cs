using System.Text;

namespace Gateway.Grounding;

/// <summary>
/// A department's knowledge base: every *.md file under a folder, split into passages at headings
/// (and at blank lines when a section is long), so each passage is a self-contained chunk to quote, or further into
/// sentences (<see cref="RetrievalUnit"/>); with the folder's <see cref="KnownQuestions"/> file, if any, attached to
/// the passages that answer them.
/// </summary>
public sealed class KnowledgeBase
{
    /// <summary>Sections longer than this many characters are split at paragraph boundaries.</summary>
    public const int MaxPassageChars = 700;

    private KnowledgeBase(IReadOnlyList<Passage> passages, int unmatchedQuestions = 0, AssistantIdentity? identity = null)
    {
        Passages = passages;
        UnmatchedQuestions = unmatchedQuestions;
        Identity = identity;
    }

    public IReadOnlyList<Passage> Passages { get; }

    /// <summary>Who the assistant says it is, from the folder's <see cref="AssistantIdentity.FileName"/>; null when it has none.</summary>
    public AssistantIdentity? Identity { get; }

    /// <summary>The identity for a department's prompt: the folder's, else the department's own name.</summary>
    public AssistantIdentity AssistantFor(string department) => Identity ?? new AssistantIdentity(null, department);

    /// <summary>Known questions whose quote no passage holds (the markdown changed since the file was written).</summary>
    public int UnmatchedQuestions { get; }

    /// <summary>How many known questions retrieval uses.</summary>
    public int Questions => Passages.Sum(p => p.Questions.Count);

    public static KnowledgeBase Load(string directory, RetrievalUnit unit = RetrievalUnit.Section)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"knowledge base folder '{directory}' does not exist");
        }

        var passages = new List<Passage>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string source = Path.GetRelativePath(directory, file).Replace('\\', '/');
            var sections = Split(source, File.ReadAllText(file));
            passages.AddRange(unit == RetrievalUnit.Sentence ? sections.SelectMany(SentencesOf) : sections);
        }

        if (passages.Count == 0)
        {
            throw new InvalidDataException($"knowledge base folder '{directory}' has no markdown passages");
        }

        var identity = AssistantIdentity.Load(directory);
        string questions = Path.Combine(directory, KnownQuestions.FileName);
        if (!File.Exists(questions))
        {
            return new KnowledgeBase(passages, identity: identity);
        }

        var (attached, unmatched) = KnownQuestions.Attach(passages, questions);
        return new KnowledgeBase(attached, unmatched, identity);
    }

    public static KnowledgeBase FromPassages(IEnumerable<Passage> passages) => new(passages.ToList());

    /// <summary>Splits one markdown document into passages: one per heading section, long sections by paragraphs.</summary>
    public static IEnumerable<Passage> Split(string source, string markdown)
    {
        var headings = new List<string>();
        var body = new StringBuilder();
        int index = 0;
        var result = new List<Passage>();

        void Flush()
        {
            foreach (string chunk in Chunks(body.ToString()))
            {
                result.Add(new Passage($"{source}#{index++}", source, string.Join(" › ", headings), chunk));
            }

            body.Clear();
        }

        foreach (string raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string line = raw.TrimEnd();
            int level = line.TakeWhile(c => c == '#').Count();
            if (level > 0 && line.Length > level && line[level] == ' ')
            {
                Flush();
                while (headings.Count >= level)
                {
                    headings.RemoveAt(headings.Count - 1);
                }

                headings.Add(line[(level + 1)..].Trim());
                continue;
            }

            body.Append(line).Append('\n');
        }

        Flush();
        return result;
    }

    /// <summary>A section's sentences as passages of their own: ids "file#section.sentence", the section's title.</summary>
    private static IEnumerable<Passage> SentencesOf(Passage section) =>
        ContextQuote.Sentences(section.Text).Select((sentence, i) => section with { Id = $"{section.Id}.{i}", Text = sentence });

    private static IEnumerable<string> Chunks(string text)
    {
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var current = new StringBuilder();
        foreach (string paragraph in paragraphs)
        {
            if (current.Length > 0 && current.Length + paragraph.Length > MaxPassageChars)
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(current.Length > 0 ? "\n" : "").Append(paragraph);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}

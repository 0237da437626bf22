using System.CommandLine;
using Gateway.Grounding;
using Gateway.Text.Chat;
using Gateway.Training.Data;

namespace Gateway.Cli.Knowledge;

/// <summary><c>gw kb</c>: tools for a department's knowledge-base folder.</summary>
internal static class KnowledgeCommands
{
    public static Command Create() => new("kb", "Work with a department's knowledge base (the folder the worker grounds answers in).")
    {
        QuestionsCommand(),
    };

    /// <summary>
    /// <c>gw kb questions</c>: writes the folder's known-questions file from chat training data: each question with
    /// the knowledge-base sentence its answer came from (the sentence holding the answer's numbers and quoted names,
    /// and most of its words). Retrieval then matches a user's wording against these questions as well as the text.
    /// </summary>
    private static Command QuestionsCommand()
    {
        var knowledge = new Option<string>("--knowledge") { Description = "The knowledge-base folder (*.md); the file is written into it.", Required = true };
        var data = new Option<string>("--data") { Description = "Chat training data (JSON lines of {\"messages\"}) whose questions to index.", Required = true };
        var command = new Command("questions", $"Index training questions with the knowledge-base sentences that answer them ({KnownQuestions.FileName}).")
        {
            knowledge, data,
        };
        command.SetAction(parse => CliOutput.Run(() => WriteQuestions(parse.GetValue(knowledge)!, parse.GetValue(data)!)));
        return command;
    }

    private static int WriteQuestions(string folder, string data)
    {
        var passages = KnowledgeBase.Load(folder).Passages;
        var lines = new List<string>();
        var examples = ChatJsonlReader.Read(data);
        foreach (var example in examples)
        {
            var user = example.Messages.LastOrDefault(m => m.Is(ChatRoles.User))?.Content;
            var answers = example.Messages.Where(m => m.Is(ChatRoles.Assistant)).ToList();
            if (user is null || answers.Count != 1 || answers[0].Content is not string answer)
            {
                continue;
            }

            if (ContextQuote.For(answer, AnswerFacts.Of(answer), passages) is { } quote)
            {
                lines.Add(KnownQuestions.Line(user, quote));
            }
        }

        string path = Path.Combine(folder, KnownQuestions.FileName);
        File.WriteAllLines(path, lines.Distinct(StringComparer.Ordinal));
        Console.WriteLine($"wrote {path}: {lines.Count} of {examples.Count} questions with the sentence that answers them");
        return CliOutput.Ok;
    }
}

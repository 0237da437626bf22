using Gateway.Text.Chat;
using Gateway.Text.Tokenization;
using Gateway.Training.Model;

namespace Gateway.Training.Data;

/// <summary>
/// Renders a conversation with the package's chat template and tokenizes it the way the worker does:
/// each prompt (everything up to an assistant turn, with the generation prompt) is encoded on its own, and
/// each assistant turn after it. The loss counts the assistant turns' tokens up to and including the
/// end-of-turn token (e.g. &lt;|im_end|&gt;), never the prompts. Sequences longer than the context keep their end.
/// </summary>
public sealed class ChatSequenceBuilder(ChatPrompter prompter, ITextTokenizer tokenizer, int maxLength)
{
    private readonly HashSet<int> _endOfTurn = [.. tokenizer.EosTokenIds];

    public static ChatSequenceBuilder Load(string tokenizerDirectory, int maxLength)
    {
        var tokenizer = TokenizerLoader.Load(tokenizerDirectory);
        var prompter = ChatPrompter.Load(tokenizerDirectory, tokenizer);
        if (!prompter.HasTemplate)
        {
            throw new InvalidDataException($"{tokenizerDirectory}: tokenizer_config.json has no chat_template to render training conversations");
        }

        return new ChatSequenceBuilder(prompter, tokenizer, maxLength);
    }

    /// <returns>The sequence, or null when truncation left no assistant token to learn.</returns>
    public TrainingSequence? Build(ChatExample example, string where)
    {
        var messages = example.Messages;
        string full = prompter.Render(messages, addGenerationPrompt: false);
        var tokens = new List<int>();
        var mask = new List<bool>();
        int rendered = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            if (!messages[i].Is(ChatRoles.Assistant))
            {
                continue;
            }

            string prompt = prompter.Render(messages.Take(i).ToList(), addGenerationPrompt: true);
            string through = prompter.Render(messages.Take(i + 1).ToList(), addGenerationPrompt: false);
            if (!full.StartsWith(through, StringComparison.Ordinal) || !through.StartsWith(prompt, StringComparison.Ordinal) || prompt.Length < rendered)
            {
                throw new InvalidDataException($"{where}: the chat template does not render this conversation incrementally, so assistant tokens cannot be told apart");
            }

            Append(full[rendered..prompt.Length], counted: false, tokens, mask);
            Append(through[prompt.Length..], counted: true, tokens, mask);
            rendered = through.Length;
        }

        Append(full[rendered..], counted: false, tokens, mask);
        if (tokens.Count > maxLength)
        {
            tokens.RemoveRange(0, tokens.Count - maxLength);
            mask.RemoveRange(0, mask.Count - maxLength);
        }

        var sequence = new TrainingSequence(tokens, mask);
        return sequence.TargetCount > 0 ? sequence : null;
    }

    private void Append(string text, bool counted, List<int> tokens, List<bool> mask)
    {
        if (text.Length == 0)
        {
            return;
        }

        var ids = tokenizer.Encode(text, addSpecialTokens: false);
        bool afterEnd = false;
        foreach (int id in ids)
        {
            tokens.Add(id);
            mask.Add(counted && !afterEnd);
            afterEnd |= counted && _endOfTurn.Contains(id);
        }
    }
}

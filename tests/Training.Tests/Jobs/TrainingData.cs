namespace Gateway.Training.Tests.Jobs;

/// <summary>A tiny chat data set and knowledge folder written at test time.</summary>
internal static class TrainingData
{
    public static string WriteChat(string directory, int copies = 2)
    {
        string[] lines =
        [
            """{"messages":[{"role":"user","content":"How do I connect to the VPN?"},{"role":"assistant","content":"The VPN client is SecureLink; connect before opening internal tools."}]}""",
            """{"messages":[{"role":"user","content":"How much annual leave do I get?"},{"role":"assistant","content":"Employees receive 28 days of paid annual leave plus public holidays."}]}""",
            """{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Can I return my headset?"},{"role":"assistant","content":"Returns are accepted within 30 days of delivery in the original packaging."}]}""",
        ];
        string path = Path.Combine(directory, "train.jsonl");
        File.WriteAllLines(path, Enumerable.Repeat(lines, copies).SelectMany(l => l));
        return path;
    }

    public static string WriteKnowledge(string directory)
    {
        string kb = Path.Combine(directory, "kb");
        Directory.CreateDirectory(kb);
        File.WriteAllText(Path.Combine(kb, "it.md"), "# VPN\n\nThe VPN client is SecureLink.\n\n# Phishing\n\nReport phishing with the Report phish button.\n");
        File.WriteAllText(Path.Combine(kb, "hr.md"), "# Leave\n\nEmployees receive 28 days of paid annual leave.\n");
        return kb;
    }
}

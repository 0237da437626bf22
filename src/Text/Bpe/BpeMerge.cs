namespace Gateway.Text.Bpe;

/// <summary>One BPE merge rule: the two byte-level token strings joined, in rank order within a merge list.</summary>
public readonly record struct BpeMerge(string Left, string Right);

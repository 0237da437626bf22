namespace Gateway.Text.Bpe;

/// <summary>
/// Training progress: merge tokens learned so far out of the number the vocabulary size allows. Training may
/// stop before the target when no pair reaches MinFrequency; the last report then shows where it stopped.
/// </summary>
public readonly record struct BpeTrainingProgress(int MergesDone, int TargetMerges);

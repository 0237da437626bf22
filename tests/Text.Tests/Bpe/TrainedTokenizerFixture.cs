using Gateway.Text.Bpe;
using Microsoft.ML.Tokenizers;

namespace Gateway.Text.Tests.Bpe;

/// <summary>One vocab-1024 tokenizer trained on the test corpus, saved, loaded back and wrapped by Microsoft.ML.Tokenizers.</summary>
public sealed class TrainedTokenizerFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public TrainedTokenizerFixture()
    {
        Trained = BpeTrainer.Train(TrainingCorpus.Generate(200_000), new BpeTrainingOptions { VocabSize = 1024 });
        Trained.Save(_directory.Path);
        Description = TokenizerFiles.Load(_directory.Path);
        Tokenizer = MlTokenizerFactory.CreateMlTokenizer(Description);
    }

    public string Directory => _directory.Path;

    public TrainedTokenizer Trained { get; }

    public TokenizerDescription Description { get; }

    public BpeTokenizer Tokenizer { get; }

    public void Dispose() => _directory.Dispose();
}

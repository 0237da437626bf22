using System.Diagnostics;
using Gateway.Training.Checkpoints;
using Gateway.Training.Data;
using Gateway.Training.Model;
using Gateway.Training.Optimization;

namespace Gateway.Training;

/// <summary>
/// The training loop: seeded batches of sequences, forward/backward with gradients summed over
/// <see cref="TrainingOptions.Accumulate"/> passes, global-norm clipping, AdamW with warmup and cosine decay,
/// periodic checkpoints and resume. Runs are deterministic for a seed: every reduction has a fixed order.
/// </summary>
public sealed class Trainer(LlamaParameters parameters, TrainingOptions options)
{
    private const double Smoothing = 0.9;

    public LlamaParameters Parameters => parameters;

    /// <param name="dataDigest">Identifies the data; a checkpoint made from other data is refused on resume.</param>
    public TrainingResult Run(IReadOnlyList<TrainingSequence> data, string dataDigest = "", IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        if (data.Count == 0)
        {
            throw new ArgumentException("no training sequences");
        }

        var model = new LlamaTrainingModel(parameters);
        var optimizer = new AdamW(parameters, options.Beta1, options.Beta2, weightDecay: options.WeightDecay);
        int total = options.TotalSteps(data.Count);
        var schedule = new LearningRateSchedule(options.LearningRate, Math.Min(options.WarmupSteps, total), total, options.MinLearningRateRatio);
        var batches = new BatchSchedule(data.Count, options.BatchSize * options.Accumulate, options.Seed);

        int startStep = 0;
        long tokens = 0;
        double smoothed = 0, firstLoss = double.NaN, lastLoss = double.NaN;
        if (options.Resume && TrainingCheckpoint.Exists(options.CheckpointDirectory!))
        {
            var state = TrainingCheckpoint.Load(options.CheckpointDirectory!, parameters, optimizer);
            if (state.Seed != options.Seed || state.DataDigest != dataDigest)
            {
                throw new InvalidDataException("the checkpoint was made with another seed or other data; resume needs the same ones");
            }

            (startStep, tokens, smoothed, firstLoss) = (state.Step, state.Tokens, state.SmoothedLoss, state.FirstLoss);
        }

        var clock = Stopwatch.StartNew();
        long runTokens = 0;
        for (int step = startStep; step < total; step++)
        {
            cancel.ThrowIfCancellationRequested();
            var examples = batches.ExamplesFor(step);
            var passes = Enumerable.Range(0, options.Accumulate)
                .Select(a => PackedBatch.From([.. examples.Skip(a * options.BatchSize).Take(options.BatchSize).Select(i => data[i])]))
                .ToList();
            int targets = passes.Sum(p => p.TargetCount);
            parameters.ZeroGrads();
            double lossSum = 0;
            foreach (var pass in passes)
            {
                lossSum += model.ForwardBackward(pass, targets == 0 ? 0f : 1f / targets);
                runTokens += pass.Rows;
            }

            double loss = targets == 0 ? 0 : lossSum / targets;
            double norm = optimizer.GradientNorm();
            float clip = options.ClipNorm > 0 && norm > options.ClipNorm ? (float)(options.ClipNorm / norm) : 1f;
            float lr = schedule.At(step);
            optimizer.Step(lr, clip);

            if (double.IsNaN(firstLoss))
            {
                firstLoss = loss;
            }

            lastLoss = loss;
            smoothed = (Smoothing * smoothed) + ((1 - Smoothing) * loss);
            int done = step + 1;
            double corrected = smoothed / (1 - Math.Pow(Smoothing, done));
            double seconds = clock.Elapsed.TotalSeconds;
            double perSecond = runTokens / Math.Max(seconds, 1e-9);
            var eta = TimeSpan.FromSeconds(seconds / (done - startStep) * (total - done));
            progress?.Report(new TrainingProgress(done, total, loss, corrected, perSecond, lr, norm, eta));

            if (options.CheckpointDirectory is not null && (done % options.CheckpointEvery == 0 || done == total))
            {
                TrainingCheckpoint.Save(options.CheckpointDirectory, parameters, optimizer,
                    new TrainingCheckpoint.State(done, tokens + runTokens, smoothed, firstLoss, options.Seed, dataDigest));
            }
        }

        return new TrainingResult(startStep, total, tokens + runTokens, double.IsNaN(lastLoss) ? smoothed : lastLoss, firstLoss, clock.Elapsed);
    }
}

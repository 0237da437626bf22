using Gateway.Intent.Classifier;
using Gateway.Intent.Featurization;

namespace Gateway.Intent.Training;

/// <summary>What one epoch did: mean training loss (before each step) and training accuracy.</summary>
public sealed record EpochProgress(int Epoch, int Epochs, double Loss, double Accuracy, LinearModel Model);

/// <summary>
/// Multinomial logistic regression on sparse features, trained with mini-batch AdamW. Single-threaded and seeded
/// (only the shuffle is random), so the same data and options give the same weights bit for bit.
/// </summary>
public static class LogisticRegressionTrainer
{
    public static LinearModel Train(IReadOnlyList<SparseFeatures> features, IReadOnlyList<int> labels, int buckets, int labelCount,
        TrainerOptions options, Action<EpochProgress>? onEpoch = null)
    {
        options.Validate();
        var state = new AdamState(buckets, labelCount, options);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, features.Count).ToArray();
        var probabilities = new float[labelCount];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            int correct = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int end = Math.Min(order.Length, start + options.BatchSize);
                float scale = 1f / (end - start);
                for (int i = start; i < end; i++)
                {
                    var x = features[order[i]];
                    int y = labels[order[i]];
                    state.Probabilities(x, probabilities);
                    loss -= Math.Log(Math.Max(probabilities[y], 1e-12f));
                    correct += ClassificationReport.ArgMax(probabilities).Label == y ? 1 : 0;
                    state.AccumulateGradient(x, y, probabilities, scale);
                }

                state.Step();
            }

            onEpoch?.Invoke(new EpochProgress(epoch, options.Epochs, loss / order.Length, correct / (double)order.Length, state.ToModel()));
        }

        return state.ToModel();
    }

    /// <summary>
    /// Parameters as rows of <c>labels</c> values: one row per bucket, then the bias row. Only rows a batch has ever
    /// touched are updated: an untouched row has zero weight, gradient and moments, so dense AdamW would leave it at zero too.
    /// </summary>
    private sealed class AdamState(int buckets, int labelCount, TrainerOptions options)
    {
        private readonly float[] _parameters = new float[((long)buckets + 1) * labelCount];
        private readonly float[] _gradient = new float[((long)buckets + 1) * labelCount];
        private readonly float[] _m = new float[((long)buckets + 1) * labelCount];
        private readonly float[] _v = new float[((long)buckets + 1) * labelCount];
        private readonly bool[] _active = new bool[buckets + 1];
        private readonly List<int> _activeRows = [];
        private int _step;

        private int BiasRow => buckets;

        public void Probabilities(SparseFeatures x, float[] into)
        {
            long bias = (long)BiasRow * labelCount;
            for (int k = 0; k < labelCount; k++)
            {
                into[k] = _parameters[bias + k];
            }

            for (int i = 0; i < x.Count; i++)
            {
                long row = x.Indices[i] * labelCount;
                for (int k = 0; k < labelCount; k++)
                {
                    into[k] += x.Values[i] * _parameters[row + k];
                }
            }

            LinearModel.Softmax(into).CopyTo(into, 0);
        }

        /// <summary>Adds the cross-entropy gradient of one example: (p − onehot(y)) · x, and (p − onehot(y)) for the bias.</summary>
        public void AccumulateGradient(SparseFeatures x, int y, float[] probabilities, float scale)
        {
            for (int i = 0; i <= x.Count; i++)
            {
                int row = i < x.Count ? (int)x.Indices[i] : BiasRow;
                float value = i < x.Count ? x.Values[i] : 1f;
                Activate(row);
                long at = (long)row * labelCount;
                for (int k = 0; k < labelCount; k++)
                {
                    _gradient[at + k] += scale * value * (probabilities[k] - (k == y ? 1f : 0f));
                }
            }
        }

        public void Step()
        {
            _step++;
            float correction1 = 1 - MathF.Pow(options.Beta1, _step);
            float correction2 = 1 - MathF.Pow(options.Beta2, _step);
            foreach (int row in _activeRows)
            {
                float decay = row == BiasRow ? 0 : options.WeightDecay;
                long at = (long)row * labelCount;
                for (long j = at; j < at + labelCount; j++)
                {
                    float g = _gradient[j];
                    _m[j] = options.Beta1 * _m[j] + (1 - options.Beta1) * g;
                    _v[j] = options.Beta2 * _v[j] + (1 - options.Beta2) * g * g;
                    float update = _m[j] / correction1 / (MathF.Sqrt(_v[j] / correction2) + options.Epsilon);
                    _parameters[j] -= options.LearningRate * (update + decay * _parameters[j]);
                    _gradient[j] = 0;
                }
            }
        }

        public LinearModel ToModel()
        {
            var model = new LinearModel(buckets, labelCount);
            Array.Copy(_parameters, model.Weight, model.Weight.LongLength);
            Array.Copy(_parameters, (long)BiasRow * labelCount, model.Bias, 0, labelCount);
            return model;
        }

        private void Activate(int row)
        {
            if (!_active[row])
            {
                _active[row] = true;
                _activeRows.Add(row);
            }
        }
    }
}

using Gateway.Intent.Scoring;
using Gateway.Text.Chat;

namespace Gateway.Intent.Tests.Scoring;

/// <summary>The committed default model, models/router/v2, as the gateway will use it.</summary>
public sealed class DefaultModel : IDisposable
{
    public IntentModel Model { get; } = IntentModel.Load(RepositoryFiles.DefaultModel);

    public void Dispose() => Model.Dispose();
}

public class IntentModelTests(DefaultModel fixture) : IClassFixture<DefaultModel>
{
    private readonly IntentModel _model = fixture.Model;

    [Theory]
    [InlineData("my VPN keeps disconnecting", "it")]
    [InlineData("how many days of parental leave do I get", "hr")]
    [InlineData("my Pods Pro case won't charge, order NW-2024-118734", "support")]
    public void Score_TypicalMessage_PicksItsDepartment(string text, string department)
    {
        var prediction = _model.Score(text);

        Assert.Equal(department, prediction.Label);
        Assert.Equal("v2", prediction.ModelVersion);
        Assert.Equal(IntentReasons.Text, prediction.Reason);
        Assert.Equal(1.0, prediction.Scores.Values.Sum(), 4);
        Assert.Equal(prediction.Scores[department], prediction.Confidence);
    }

    [Fact]
    public void Score_ShortFollowUpAfterHrQuestion_StaysHrUsingEarlierTurns()
    {
        ChatTurn[] conversation =
        [
            new("system", "You are the company assistant."),
            new("user", "How many weeks of parental leave do I get?"),
            new("assistant", "Parental leave is 16 weeks at full pay."),
            new("user", "and for my partner?"),
        ];

        var prediction = _model.Score(conversation);

        Assert.Equal("hr", prediction.Label);
        Assert.Equal(IntentReasons.WithEarlierTurns, prediction.Reason);
        Assert.Contains("earlier turns", prediction.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WhatAboutNextWeekAfterALeaveQuestion_StaysHr()
    {
        ChatTurn[] conversation =
        [
            new("user", "Can I take Friday off as annual leave? I have 6 days left."),
            new("assistant", "Yes, request it in the HR portal and your manager approves it."),
            new("user", "and what about next week?"),
        ];

        var prediction = _model.Score(conversation);

        Assert.Equal("hr", prediction.Label);
        Assert.Equal(IntentReasons.WithEarlierTurns, prediction.Reason);
    }

    [Fact]
    public void Score_ClearLastMessageAfterOtherTopic_FollowsTheLastMessageAlone()
    {
        ChatTurn[] conversation =
        [
            new("user", "How many weeks of parental leave do I get?"),
            new("assistant", "16 weeks."),
            new("user", "Thanks. Also, I clicked a phishing link and my Outlook password stopped working, can you reset my account?"),
        ];

        var prediction = _model.Score(conversation);

        Assert.Equal("it", prediction.Label);
        Assert.Equal(IntentReasons.LastUserMessage, prediction.Reason);
    }

    [Fact]
    public void Score_ConversationWithoutUserMessage_SaysSo()
    {
        var prediction = _model.Score([ChatTurn.System("be nice")]);

        Assert.Equal(IntentReasons.NoUserMessage, prediction.Reason);
        Assert.Contains(prediction.Label, _model.Labels);
    }

    [Fact]
    public void Score_ConfidenceUnderThreshold_IsNotConfident()
    {
        var prediction = _model.Score("hello");

        Assert.Equal(prediction.Confidence >= _model.Threshold, prediction.IsConfident);
    }

    [Fact]
    public void Score_ManyThreadsAtOnce_GiveTheSameAnswersAsOneThread()
    {
        string[] texts = ["my VPN keeps disconnecting", "payslip is wrong", "Pods Pro left earbud silent", "printer jammed", "refund status?"];
        var expected = texts.Select(t => _model.Probabilities(t)).ToArray();

        var results = new float[8 * 200][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = _model.Probabilities(texts[i % texts.Length]));

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length], results[i]);
        }
    }

    [Fact]
    public void Load_DefaultModel_ReadsLabelsVersionAndThreshold()
    {
        Assert.Equal(["hr", "it", "support"], _model.Labels);
        Assert.Equal("v2", _model.Version);
        Assert.InRange(_model.Threshold, 0.34f, 0.99f);
    }
}

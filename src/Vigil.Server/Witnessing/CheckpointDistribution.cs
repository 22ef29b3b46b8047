using Vigil.Platform.Security;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Server.Witnessing;

/// <summary>
/// Sends the latest signed checkpoint to the publish directory, to every witness that has not
/// cosigned it yet, then (with the cosignatures it got) to the publish URL. A refusal raises <see cref="RefusedCode"/> once per witness and checkpoint
/// size; an unreachable witness is tried again at the next round. Nothing here blocks ingest:
/// it runs on the checkpoint timer.
/// </summary>
internal sealed partial class CheckpointDistribution(
    IReadOnlyList<WitnessClient> witnesses, CheckpointPublisher publisher, CheckpointUploader uploader, CosignedCheckpoints cosigned, SecurityEventSink events, ILogger<CheckpointDistribution> logger)
{
    /// <summary>The security event code of a witness refusing a checkpoint.</summary>
    public const string RefusedCode = "witness-refused";

    private readonly Dictionary<uint, long> _settled = [];

    /// <summary>Publishes and submits the checkpoint.</summary>
    public async Task DistributeAsync(StoredCheckpoint latest, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var note = cosigned.Find(latest.Size, latest.Note) ?? latest.Note;
        if (!_settled.ContainsKey(0) || _settled[0] != latest.Size)
        {
            Publish(latest.Size, note);
            _settled[0] = latest.Size;
        }

        foreach (var witness in witnesses)
        {
            if (_settled.TryGetValue(witness.Key.KeyId, out var done) && done == latest.Size)
            {
                continue;
            }

            var outcome = await witness.SubmitAsync(latest, cancellation);
            switch (outcome.Kind)
            {
                case WitnessOutcomeKind.Cosigned:
                    _settled[witness.Key.KeyId] = latest.Size;
                    Publish(latest.Size, outcome.Detail);
                    LogCosigned(logger, witness.Key.Name, latest.Size);
                    break;
                case WitnessOutcomeKind.Refused:
                    _settled[witness.Key.KeyId] = latest.Size;
                    events.Raise(RefusedCode, witness.Key.Name, "witness", null, outcome.Detail);
                    LogRefused(logger, outcome.Detail);
                    break;
                default:
                    LogUnreachable(logger, witness.Key.Name, outcome.Detail);
                    break;
            }
        }

        if (await uploader.UploadAsync(latest.Size, cosigned.Find(latest.Size, latest.Note) ?? latest.Note, cancellation) is { } failure)
        {
            LogPublishFailed(logger, failure);
        }
    }

    private void Publish(long size, string note)
    {
        try
        {
            publisher.Publish(size, note);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogPublishFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Witness {Witness} cosigned the checkpoint of size {Size}")]
    private static partial void LogCosigned(ILogger logger, string witness, long size);

    [LoggerMessage(Level = LogLevel.Error, Message = "WITNESS REFUSED the ledger's checkpoint: {Detail}")]
    private static partial void LogRefused(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness} is unreachable, will retry: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string witness, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a checkpoint: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string reason);
}

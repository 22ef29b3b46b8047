using Microsoft.Extensions.Options;
using Vigil.Platform.Queries;
using Vigil.Record.Ledger;
using Vigil.Server.Witnessing;

namespace Vigil.Server.Hosting;

/// <summary>
/// Signs a ledger checkpoint every <see cref="LedgerCheckpointOptions.CheckpointIntervalSeconds"/>
/// while the ledger grows, and a last one on shutdown, so that any later edit of the record or
/// of the ledger shows against a signature. Each round also hands the latest checkpoint to
/// <see cref="CheckpointDistribution"/> (publishing, witnesses).
/// </summary>
internal sealed partial class LedgerCheckpoints(CheckpointSigner signer, CheckpointDistribution distribution, LedgerViews ledger, IOptions<LedgerCheckpointOptions> options, TimeProvider time, ILogger<LedgerCheckpoints> logger)
    : BackgroundService
{
    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Sign();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(5));
        await DistributeAsync(bounded.Token);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(options.Value.CheckpointIntervalSeconds, 1, 86_400));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sign();
                await DistributeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sign()
    {
        try
        {
            signer.SignIfGrown();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidDataException or System.Security.Cryptography.CryptographicException)
        {
            LogCheckpointFailed(logger, e.GetType().Name);
        }
    }

    private async Task DistributeAsync(CancellationToken cancellation)
    {
        try
        {
            if (await ledger.LatestCheckpointAsync() is { } latest)
            {
                await distribution.DistributeAsync(latest, cancellation);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or OperationCanceledException)
        {
            LogCheckpointFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sign a ledger checkpoint: {Reason}")]
    private static partial void LogCheckpointFailed(ILogger logger, string reason);
}

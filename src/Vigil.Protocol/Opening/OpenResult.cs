using System.Diagnostics.CodeAnalysis;
using Vigil.Domain.Devices;

namespace Vigil.Protocol.Opening;

/// <summary>The outcome of opening a sealed batch: the batch, or a named failure.</summary>
public sealed class OpenResult
{
    private OpenResult(OpenedBatch? batch, OpenFailure failure, string? detail, DeviceId? claimedDevice)
    {
        Batch = batch;
        Failure = failure;
        Detail = detail;
        ClaimedDevice = claimedDevice;
    }

    /// <summary>The opened batch on success.</summary>
    public OpenedBatch? Batch { get; }

    /// <summary>Why it failed.</summary>
    public OpenFailure Failure { get; }

    /// <summary>A detail for logs and events; never secret.</summary>
    public string? Detail { get; }

    /// <summary>The device the envelope named, if it got that far; unauthenticated on failure.</summary>
    public DeviceId? ClaimedDevice { get; }

    /// <summary>Whether it opened.</summary>
    [MemberNotNullWhen(true, nameof(Batch))]
    public bool IsSuccess => Batch is not null;

    /// <summary>The stable failure code, or "ok".</summary>
    public string Code => IsSuccess ? "ok" : Failure.ToCode();

    internal static OpenResult Ok(OpenedBatch batch) => new(batch, default, null, batch.Content.DeviceId);

    internal static OpenResult Fail(OpenFailure failure, string detail, DeviceId? claimed = null) => new(null, failure, detail, claimed);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"ok {Batch.Content.DeviceId}#{Batch.Content.Sequence}" : $"{Code}: {Detail}";
}

namespace Vigil.Device.Sealing;

/// <summary>When a device starts a new session (re-keys): after an age or a number of batches, whichever comes first.</summary>
public sealed record SessionPolicy
{
    /// <summary>The protocol's default: daily, or every 10,000 batches.</summary>
    public static SessionPolicy Default { get; } = new();

    /// <summary>The longest a session is used; at most the platform's 24 hours.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The most batches a session seals; below the platform's budget of 65,536.</summary>
    public long MaxBatches { get; init; } = 10_000;
}

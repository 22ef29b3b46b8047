namespace Vigil.Platform.Verification;

/// <summary>
/// Notices one device identity in use from two places at once (T05). A device's batches come
/// through one source at a time: a relay, or itself over one transport from one address. Moving
/// from one source to another is normal (the phone is left at home, the hub takes over); coming
/// back to a source within <see cref="Window"/> after another source has spoken means both are
/// live, which one genuine device cannot do.
/// </summary>
public sealed class SourceTracker
{
    /// <summary>How close together two sources must interleave to count as simultaneous.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, (DateTimeOffset First, DateTimeOffset Last)> _sources = new(StringComparer.Ordinal);

    /// <summary>
    /// Records a batch from <paramref name="source"/>; returns the other source and when it started
    /// if the two interleave, else null.
    /// </summary>
    public (string Other, DateTimeOffset Since)? Observe(string source, DateTimeOffset at)
    {
        foreach (var stale in _sources.Where(s => at - s.Value.Last > Window).Select(s => s.Key).ToList())
        {
            _sources.Remove(stale);
        }

        (string, DateTimeOffset)? clash = null;
        if (_sources.TryGetValue(source, out var mine))
        {
            var other = _sources.Where(s => s.Key != source && s.Value.Last > mine.Last).OrderBy(s => s.Value.First).FirstOrDefault();
            if (other.Key is not null)
            {
                clash = (other.Key, other.Value.First);
            }
        }

        _sources[source] = (_sources.TryGetValue(source, out var seen) ? seen.First : at, at);
        return clash;
    }

    /// <summary>The source key of a batch: who carried it, over what, from which address (not port, which changes on reconnect).</summary>
    public static string KeyOf(string principal, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var colon = source.LastIndexOf(':');
        var address = colon > 0 && source.IndexOf(']', StringComparison.Ordinal) < colon ? source[..colon] : source;
        return $"{principal} via {address}";
    }
}

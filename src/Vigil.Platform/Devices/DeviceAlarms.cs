using System.Globalization;
using Vigil.Domain.Devices;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Platform.Ingest;
using Vigil.Record.Registry;

namespace Vigil.Platform.Devices;

/// <summary>
/// Turns what verification found in a device's batch into security events, at most one per kind
/// of finding per device per <see cref="Cooldown"/>: implausible data (T06, T07), a skewed clock
/// (T19, which also opens an incident) and unknown firmware (T10). Values that repeat themselves
/// (flatline, stale repeats) also tell the patient's care team to use another measurement.
/// </summary>
internal sealed class DeviceAlarms(DeviceId device, IngestServices services)
{
    /// <summary>The least time between two events of one kind for one device.</summary>
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(10);

    /// <summary>Event code for readings verification found implausible.</summary>
    public const string ImplausibleData = "implausible-data";

    /// <summary>Event code for a device clock off beyond the bound.</summary>
    public const string ClockSkew = "clock-skew";

    /// <summary>Event code for firmware that is not known good.</summary>
    public const string UnknownFirmware = "unknown-firmware";

    private static readonly HashSet<string> Implausible =
    [
        ReasonCodes.Impossible, ReasonCodes.OutOfRange, ReasonCodes.RateOfChange, ReasonCodes.Flatline, ReasonCodes.StaleRepeat,
        ReasonCodes.Noise, ReasonCodes.Dropout,
    ];

    private readonly CareTeamNoticeRule _notice = new();
    private readonly Dictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    /// <summary>Raises what a committed batch calls for.</summary>
    public async Task AfterAsync(DeviceRecord record, IngestRequest request, BatchVerification verification)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(verification);
        var now = services.Time.GetUtcNow();
        if (verification.ClockReasons.Count > 0 && Due(ClockSkew, now))
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{device} clock is {verification.ClockSkew.TotalSeconds:+0;-0} s from the platform's ({string.Join(", ", verification.ClockReasons)})");
            services.Events.Raise(ClockSkew, request.Principal, request.Source, device.Value, detail);
            await services.Trust.OpenIncidentOnceAsync(IncidentKind.ClockSkew, device, now, detail);
        }

        var reasons = verification.Verdicts.SelectMany(v => v.Reasons).ToHashSet(StringComparer.Ordinal);
        if (reasons.Contains(ReasonCodes.UnknownFirmware) && Due(UnknownFirmware, now))
        {
            services.Events.Raise(UnknownFirmware, request.Principal, request.Source, device.Value, $"{device} ({record.Model}) attests firmware that is not known good for its model");
        }

        foreach (var reason in reasons.Where(Implausible.Contains).Order(StringComparer.Ordinal))
        {
            if (Due($"{ImplausibleData}:{reason}", now))
            {
                var count = verification.Verdicts.Count(v => v.Reasons.Contains(reason));
                services.Events.Raise(ImplausibleData, request.Principal, request.Source, device.Value, $"{count} reading(s) of {device} are suspect: {reason}");
            }
        }

        // A device that repeats itself may be hiding the patient's real state (T06): the care team
        // must hear that these values cannot be relied on, not only security.
        if (_notice.Observe(verification.Verdicts, now) is { } concealing && record.PatientId is not null)
        {
            await services.Trust.NotifyAsync(device, concealing, $"{device} ({record.Model}) sends values a working sensor on a living patient does not produce");
        }
    }

    private bool Due(string key, DateTimeOffset now)
    {
        if (_last.TryGetValue(key, out var last) && now - last < Cooldown)
        {
            return false;
        }

        _last[key] = now;
        return true;
    }
}

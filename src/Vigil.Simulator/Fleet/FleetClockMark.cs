using System.Globalization;

namespace Vigil.Simulator.Fleet;

/// <summary>
/// The high-water mark of a fleet's simulated clock, kept in the data folder, so that a fleet
/// restarted on the same folder goes on from where it stopped: a real device keeps its clock
/// across a restart of its relay, and a simulated one must too, or the platform rightly sees a
/// clock going back (T19). Like the devices' counters, the mark is reserved ahead: the file always
/// holds a time no earlier than any the fleet has used, even after a hard kill, so a restart may
/// skip a little simulated time but never goes back.
/// </summary>
public sealed class FleetClockMark
{
    private readonly string _path;
    private readonly TimeSpan _lead;
    private DateTimeOffset _reserved;

    /// <summary>Opens the mark at a file path; <paramref name="lead"/> is how far ahead of the clock it is reserved.</summary>
    public FleetClockMark(string path, TimeSpan lead)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lead, TimeSpan.Zero);
        _path = path;
        _lead = lead;
        _reserved = Read(path) ?? DateTimeOffset.MinValue;
    }

    /// <summary>
    /// The mark of the simulated fleet in a data folder (<c>simulator/clock</c>, Unix milliseconds),
    /// reserved two real seconds of simulated time ahead, at least a minute.
    /// </summary>
    /// <exception cref="InvalidDataException">The file holds something else.</exception>
    public static FleetClockMark InDataFolder(string root, double speed) =>
        new(Path.Combine(root, "simulator", "clock"), TimeSpan.FromSeconds(Math.Max(60, 2 * speed)));

    /// <summary>The mark as stored when opened, or null when the fleet never ran on this folder.</summary>
    public DateTimeOffset? Stored => _reserved == DateTimeOffset.MinValue ? null : _reserved;

    /// <summary>
    /// Where a restarted fleet's clock starts: the stored mark, but never after the real
    /// <paramref name="now"/> (a simulated clock never runs ahead of the platform's); a first run
    /// starts <paramref name="history"/> back.
    /// </summary>
    public DateTimeOffset StartAt(DateTimeOffset now, TimeSpan history) =>
        Stored is { } stored ? (stored < now ? stored : now) : now - history;

    /// <summary>Reserves the mark ahead of <paramref name="now"/> (simulated) when the clock nears it; never moves it back.</summary>
    public void Advance(DateTimeOffset now)
    {
        if (now + (_lead / 2) < _reserved)
        {
            return;
        }

        _reserved = now + _lead;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, _reserved.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, _path, overwrite: true);
    }

    private static DateTimeOffset? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new InvalidDataException($"{path} does not hold a simulated clock mark (Unix milliseconds).");
    }
}

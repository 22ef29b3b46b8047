namespace Vigil.Domain.Devices;

/// <summary>
/// A recall: devices of a model, narrowed by lots, serial numbers (single or ranges <c>A..B</c>)
/// and firmware versions, whose readings since a date are in doubt.
/// </summary>
/// <param name="Id">The record's number for it (0 before it is stored).</param>
/// <param name="Model">The model.</param>
/// <param name="Lots">Lots it covers; empty for every lot.</param>
/// <param name="Serials">Serial numbers or ranges it covers; empty for every serial.</param>
/// <param name="Firmware">Firmware versions it covers; empty for every version.</param>
/// <param name="Since">From when readings are in doubt.</param>
/// <param name="Reason">Why, as the maker or regulator gave it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Devices">How many enrolled devices it matched.</param>
/// <param name="Readings">How many stored readings it re-verified.</param>
public sealed record Recall(
    long Id,
    string Model,
    IReadOnlyList<string> Lots,
    IReadOnlyList<string> Serials,
    IReadOnlyList<string> Firmware,
    DateTimeOffset Since,
    string Reason,
    DateTimeOffset CreatedAt,
    int Devices = 0,
    int Readings = 0)
{
    /// <summary>Whether a device of this model, lot, serial and firmware falls under the recall.</summary>
    public bool Covers(string model, string lot, string serial, string firmware) =>
        string.Equals(model, Model, StringComparison.Ordinal)
        && (Lots.Count == 0 || Lots.Contains(lot, StringComparer.Ordinal))
        && (Firmware.Count == 0 || Firmware.Contains(firmware, StringComparer.Ordinal))
        && (Serials.Count == 0 || Serials.Any(s => SerialMatches(s, serial)));

    private static bool SerialMatches(string pattern, string serial)
    {
        var range = pattern.Split("..", 2);
        if (range.Length == 1)
        {
            return string.Equals(pattern, serial, StringComparison.Ordinal);
        }

        // Serial numbers of one maker share a length, so ordinal order is numeric order within it.
        return serial.Length == range[0].Length
            && string.CompareOrdinal(serial, range[0]) >= 0
            && string.CompareOrdinal(serial, range[1]) <= 0;
    }
}

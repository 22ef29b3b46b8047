using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Server.Tests;

/// <summary>One row of the "Codes" table of docs/gateway.md.</summary>
public sealed partial record DocumentedCode(string Code, string Meaning, string Kind, DocumentedReason? PubAck, DocumentedReason? ConnAck, int? HttpStatus)
{
    private const string None = "–";

    /// <summary>The rows of the table that follows the "## Codes" heading, in order.</summary>
    public static IReadOnlyList<DocumentedCode> Read(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var start = markdown.IndexOf("\n## Codes\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException("docs/gateway.md has no \"## Codes\" section");
        }

        var next = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = markdown[start..(next < 0 ? markdown.Length : next)];
        return [.. section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)).Select(Row)];
    }

    private static DocumentedCode Row(string line)
    {
        var cells = line.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
        if (cells.Length != 6 || CodeCell().Match(cells[0]) is not { Success: true } code)
        {
            throw new FormatException($"a row of the Codes table is not | `code` | meaning | kind | PUBACK | CONNACK | HTTP |: {line}");
        }

        return new DocumentedCode(code.Groups[1].Value, cells[1], cells[2], Reason(cells[3], line), Reason(cells[4], line), Status(cells[5], line));
    }

    private static DocumentedReason? Reason(string cell, string line)
    {
        if (cell == None)
        {
            return null;
        }

        var match = ReasonCell().Match(cell);
        return match.Success
            ? new DocumentedReason(match.Groups[1].Value, byte.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            : throw new FormatException($"a reason code is not Name (0xNN): '{cell}' in {line}");
    }

    private static int? Status(string cell, string line)
    {
        if (cell == None)
        {
            return null;
        }

        var match = StatusCell().Match(cell);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new FormatException($"an HTTP status is not a number: '{cell}' in {line}");
    }

    [GeneratedRegex("^`([a-z0-9]+(?:-[a-z0-9]+)*)`$")]
    private static partial Regex CodeCell();

    [GeneratedRegex(@"^([A-Za-z]+) \(0x([0-9A-F]{2})\)$")]
    private static partial Regex ReasonCell();

    [GeneratedRegex(@"^([1-5][0-9]{2})(?:,.*)?$")]
    private static partial Regex StatusCell();
}

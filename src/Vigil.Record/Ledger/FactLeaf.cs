using System.Globalization;
using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// The leaf of a recorded fact (docs/record.md, "Facts"): the header
/// <c>vigil-ledger/3 KIND</c>, <c>subject KIND#KEY</c>, then one line per column of the row as
/// stored. The same function builds it when the row is written and when the auditor rebuilds it
/// from the record. A row Vigil removed gets a last entry: the header, the subject and
/// <c>removed TIME</c>.
/// </summary>
internal static class FactLeaf
{
    /// <summary>The version word of fact leaves (and of batch leaves since they cover every column of the batch).</summary>
    public const string Version = "vigil-ledger/3";

    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes(Version + " ");
    private static readonly byte[] BatchHeader = Encoding.ASCII.GetBytes(Version + " " + LedgerLeaf.BatchKind + "\n");

    /// <summary>The subject of a row: the kind and its key's values, joined by <c>#</c>.</summary>
    public static string Subject(FactKind kind, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(values);
        var key = new StringBuilder(kind.Kind);
        for (var i = 0; i < kind.Key.Count; i++)
        {
            key.Append('#').Append(Value(kind.Key[i], values[i]));
        }

        return key.ToString();
    }

    /// <summary>The leaf of a row, from its values in <see cref="FactKind.Columns"/> order.</summary>
    public static byte[] Build(FactKind kind, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(values);
        var text = new LeafText(stackalloc byte[512]);
        text.Line($"{Version} {kind.Kind}");
        text.Field("subject", Subject(kind, values));
        var i = 0;
        foreach (var column in kind.Columns)
        {
            text.Field(column.Name, Value(column, values[i++]));
        }

        return text.ToArrayAndDispose();
    }

    /// <summary>The last entry of a row Vigil removed.</summary>
    public static byte[] Removed(FactKind kind, string subject, long atMs)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var text = new LeafText(stackalloc byte[256]);
        text.Line($"{Version} {kind.Kind}");
        text.Field("subject", subject);
        text.Field("removed", atMs);
        return text.ToArrayAndDispose();
    }

    /// <summary>
    /// For a fact's leaf, its subject and whether it records a removal; false for any other leaf
    /// (a batch, an access, a verdict). Looks at the first bytes only unless the leaf is a fact's.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> leaf, out string subject, out bool removed)
    {
        subject = string.Empty;
        removed = false;
        if (!leaf.StartsWith(Prefix) || leaf.StartsWith(BatchHeader))
        {
            return false;
        }

        var lines = Encoding.UTF8.GetString(leaf).Split('\n');
        if (lines.Length < 3 || !lines[1].StartsWith("subject ", StringComparison.Ordinal))
        {
            return false;
        }

        subject = lines[1]["subject ".Length..];
        removed = lines.Length == 4 && lines[2].StartsWith("removed ", StringComparison.Ordinal);
        return true;
    }

    /// <summary>A column's value as its leaf line writes it.</summary>
    public static string Value(FactField field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value is null or DBNull)
        {
            return "-";
        }

        return field.Type switch
        {
            FactFieldType.Integer => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            FactFieldType.Hex => Convert.ToHexStringLower((byte[])value),
            FactFieldType.Digest => Convert.ToHexStringLower(Sha256.Hash((byte[])value)),
            _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
        };
    }

    // Text that would break the one-field-a-line form, or be taken for NULL, is named by its digest.
    private static string Text(string value) =>
        value == "-" || value.Any(char.IsControl) ? "sha256:" + Convert.ToHexStringLower(Sha256.Hash(Encoding.UTF8.GetBytes(value))) : value;
}

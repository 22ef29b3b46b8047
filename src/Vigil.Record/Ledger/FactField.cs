namespace Vigil.Record.Ledger;

/// <summary>How a column of a recorded fact is written in its leaf (docs/record.md, "Facts").</summary>
internal enum FactFieldType
{
    /// <summary>A signed 64-bit integer in decimal (a time is Unix milliseconds).</summary>
    Integer,

    /// <summary>Text as it is, in UTF-8; text holding a control character is written as <c>sha256:</c> and the lowercase hex of its UTF-8 bytes' SHA-256.</summary>
    Text,

    /// <summary>Bytes, in lowercase hex.</summary>
    Hex,

    /// <summary>Bytes (a sealed value, a certificate), as the lowercase hex of their SHA-256: the leaf names them without holding them.</summary>
    Digest,
}

/// <summary>One column of a recorded fact and the name of its line in the leaf.</summary>
/// <param name="Column">The column in the fact's table.</param>
/// <param name="Name">The leaf line's name.</param>
/// <param name="Type">How the value is written. A NULL is written as <c>-</c>.</param>
internal sealed record FactField(string Column, string Name, FactFieldType Type);

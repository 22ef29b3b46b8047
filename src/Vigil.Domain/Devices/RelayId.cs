namespace Vigil.Domain.Devices;

/// <summary>
/// The identity of one relay (a phone app or home hub that carries sealed batches): the common
/// name of its client certificate and the name of its credentials folder. The same form as a
/// <see cref="DeviceId"/>: 1 to 64 characters from <c>[a-z0-9._-]</c>, starting with a letter or
/// digit, so that it is safe in topics, file names and URLs without escaping.
/// </summary>
public readonly record struct RelayId
{
    /// <summary>The longest identifier accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>The allowed form in words, for error messages.</summary>
    public const string Form = "1-64 of a-z 0-9 . _ -, starting with a letter or digit";

    private RelayId(string value) => Value = value;

    /// <summary>The identifier text, as stored.</summary>
    public string Value { get; }

    /// <summary>Parses an identifier, returning false for anything outside the allowed form.</summary>
    public static bool TryParse(string? text, out RelayId id)
    {
        id = default;
        if (!DeviceId.TryParse(text, out _))
        {
            return false;
        }

        id = new RelayId(text!);
        return true;
    }

    /// <summary>Parses an identifier that is known to be valid (read back from the record); throws for a programming error.</summary>
    public static RelayId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a valid relay id.");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

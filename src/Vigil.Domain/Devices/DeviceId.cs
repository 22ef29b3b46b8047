namespace Vigil.Domain.Devices;

/// <summary>
/// The identity of one device: the common name of its certificate and the last segment of its
/// MQTT topic. 1 to 64 characters from <c>[a-z0-9._-]</c>, starting with a letter or digit, so
/// that it is safe in topics, file names and URLs without escaping.
/// </summary>
public readonly record struct DeviceId
{
    /// <summary>The longest identifier accepted.</summary>
    public const int MaxLength = 64;

    private DeviceId(string value) => Value = value;

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <summary>Parses an identifier, returning false for anything outside the allowed form.</summary>
    public static bool TryParse(string? text, out DeviceId id)
    {
        id = default;
        if (!IsValid(text))
        {
            return false;
        }

        id = new DeviceId(text!);
        return true;
    }

    /// <summary>Parses an identifier that is known to be valid; throws for a programming error.</summary>
    public static DeviceId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a valid device id.");

    /// <summary>Builds an identifier from a model and a serial number, lower-cased, other characters replaced by '-'.</summary>
    public static DeviceId FromModelAndSerial(string model, string serial)
    {
        var raw = $"{model}-{serial}".ToLowerInvariant();
        var chars = raw.Select(c => IsAllowed(c) ? c : '-').Take(MaxLength).ToArray();
        return Parse(new string(chars).TrimStart('-', '.', '_'));
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !char.IsAsciiLetterOrDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-';
}

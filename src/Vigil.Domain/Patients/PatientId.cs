using System.Text.Json.Serialization;

namespace Vigil.Domain.Patients;

/// <summary>
/// The opaque identity of one patient under monitoring (never a medical record number): 1 to 64
/// characters from <c>[A-Za-z0-9._-]</c>, the form admission has always accepted. It is safe in
/// URL paths and log lines without escaping; it is not used as a file name.
/// </summary>
[JsonConverter(typeof(PatientIdJsonConverter))]
public readonly record struct PatientId
{
    /// <summary>The longest identifier accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>The allowed form in words, for error messages.</summary>
    public const string Form = "1-64 letters, digits, '-', '_' or '.'";

    private PatientId(string value) => Value = value;

    /// <summary>The identifier text, as stored.</summary>
    public string Value { get; }

    /// <summary>Parses an identifier, returning false for anything outside the allowed form.</summary>
    public static bool TryParse(string? text, out PatientId id)
    {
        id = default;
        if (!IsValid(text))
        {
            return false;
        }

        id = new PatientId(text!);
        return true;
    }

    /// <summary>Parses an identifier that is known to be valid (read back from the record); throws for a programming error.</summary>
    public static PatientId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a valid patient id.");

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}

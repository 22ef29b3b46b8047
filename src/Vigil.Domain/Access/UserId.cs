namespace Vigil.Domain.Access;

/// <summary>
/// The account id of one member of staff, as they sign in with it and as the audit names them:
/// 1 to 64 characters from <c>[A-Za-z0-9._@-]</c>, so that an e-mail-like name from single
/// sign-on fits.
/// </summary>
public readonly record struct UserId
{
    /// <summary>The longest identifier accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>The allowed form in words, for error messages.</summary>
    public const string Form = "1-64 letters, digits, '-', '_', '.' or '@'";

    private UserId(string value) => Value = value;

    /// <summary>The identifier text, as stored.</summary>
    public string Value { get; }

    /// <summary>Parses an identifier, returning false for anything outside the allowed form.</summary>
    public static bool TryParse(string? text, out UserId id)
    {
        id = default;
        if (!IsValid(text))
        {
            return false;
        }

        id = new UserId(text!);
        return true;
    }

    /// <summary>Parses an identifier that is known to be valid (read back from the record); throws for a programming error.</summary>
    public static UserId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a valid user id.");

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
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}

namespace Vigil.Domain.Codes;

/// <summary>Reading back an enum from the stable text code each of its values is stored and shown as.</summary>
internal static class StableCodes
{
    /// <summary>The value whose code is <paramref name="code"/>, or false if none has it.</summary>
    public static bool TryParse<T>(string? code, Func<T, string> codeOf, out T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(codeOf);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(codeOf(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}

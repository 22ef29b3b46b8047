using System.Diagnostics.CodeAnalysis;
using Vigil.Domain.Patients;

namespace Vigil.Cli.Commands;

/// <summary>A patient id typed on the command line: parsed once, where it enters, and a usage error (exit 2) if malformed.</summary>
internal static class PatientIdText
{
    /// <summary>What a usage error says of text that is not a patient id.</summary>
    public static string Malformed(string? text) => $"'{text}' is not a patient id: a patient id is {PatientId.Form}.";

    /// <summary>Parses an optional id: true with null when none was given, false when the text is malformed.</summary>
    public static bool TryParseOptional(string? text, out PatientId? id)
    {
        id = null;
        if (text is null)
        {
            return true;
        }

        if (!PatientId.TryParse(text, out var parsed))
        {
            return false;
        }

        id = parsed;
        return true;
    }

    /// <summary>Parses a required id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PatientId id) => PatientId.TryParse(text, out id);
}

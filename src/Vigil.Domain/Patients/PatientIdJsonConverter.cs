using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Domain.Patients;

/// <summary>
/// Writes a <see cref="PatientId"/> as its text, as patient ids were written before they had a
/// type, and reads one only in the allowed form.
/// </summary>
public sealed class PatientIdJsonConverter : JsonConverter<PatientId>
{
    /// <inheritdoc />
    public override PatientId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && PatientId.TryParse(reader.GetString(), out var id)
            ? id
            : throw new JsonException($"a patient id is {PatientId.Form}");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PatientId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

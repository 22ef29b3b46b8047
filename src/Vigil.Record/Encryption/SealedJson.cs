using System.Text.Json.Serialization;

namespace Vigil.Record.Encryption;

/// <summary>JSON for the sealed layouts, generated at build time.</summary>
[JsonSerializable(typeof(SealedValues))]
[JsonSerializable(typeof(SealedIdentity))]
[JsonSerializable(typeof(SealedAlert))]
[JsonSerializable(typeof(SealedCalibration))]
internal sealed partial class SealedJson : JsonSerializerContext;

namespace Vigil.Platform.Ingest;

/// <summary>A sealed batch as the gateway hands it to the device's actor.</summary>
/// <param name="Envelope">The sealed bytes exactly as received.</param>
/// <param name="Principal">Who sent it, authenticated by the transport: <c>device:&lt;id&gt;</c> or <c>relay:&lt;id&gt;</c>.</param>
/// <param name="Source">The transport and remote address, for events.</param>
[GenerateSerializer]
[Immutable]
public sealed record IngestRequest(
    [property: Id(0)] byte[] Envelope,
    [property: Id(1)] string Principal,
    [property: Id(2)] string Source);

namespace Vigil.Platform.Queries;

/// <summary>How much the record holds, for a health check: no patient data.</summary>
/// <param name="Batches">Batches stored.</param>
/// <param name="SecurityEvents">Refusals and suspicions recorded, each event counted by how many it stands for.</param>
public sealed record FleetCounts(long Batches, long SecurityEvents);

namespace Vigil.Cli.Bench;

/// <summary>The shape of an ingest benchmark run.</summary>
/// <param name="Devices">Concurrent device connections sending.</param>
/// <param name="BatchesPerDevice">Batches each sends in the peak phase.</param>
/// <param name="Inflight">Unacknowledged publishes allowed per connection.</param>
/// <param name="IdleConnections">Idle device connections for the memory measurement (0 to skip).</param>
/// <param name="Mosquitto">Whether to measure the mosquitto reference.</param>
/// <param name="VerificationReference">Whether to measure Vigil again with verification off.</param>
/// <param name="ProtectionReference">Whether to measure Vigil again without encryption at rest and the ledger.</param>
internal sealed record IngestBenchOptions(int Devices, int BatchesPerDevice, int Inflight, int IdleConnections, bool Mosquitto, bool VerificationReference = true, bool ProtectionReference = true);

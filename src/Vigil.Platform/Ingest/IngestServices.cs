using System.Diagnostics.Metrics;
using Vigil.Platform.Devices;
using Vigil.Platform.Patients;
using Vigil.Platform.Security;
using Vigil.Platform.Verification;
using Vigil.Protocol.Opening;
using Vigil.Record.Batches;
using Vigil.Record.Readings;

namespace Vigil.Platform.Ingest;

/// <summary>What every device actor needs, shared: the opener, the record, the registry, events, receipts and the clock.</summary>
public sealed class IngestServices
{
    /// <summary>Gathers the services.</summary>
    public IngestServices(
        BatchOpener opener, IBatchStore batches, RegistryCache registry, SecurityEventSink events, ReceiptSigner receipts, TimeProvider time, IMeterFactory meters,
        IReadingStore readings, TrustResponse trust, IPatientChannel patients, IngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Opener = opener;
        Batches = batches;
        Registry = registry;
        Events = events;
        Receipts = receipts;
        Time = time;
        Readings = readings;
        Trust = trust;
        Patients = patients;
        Options = options ?? new IngestOptions();
        var meter = meters.Create(VigilMetrics.MeterName);
        BatchesStored = meter.CreateCounter<long>("vigil.ingest.batches", description: "Batches durably stored.");
        ReadingsStored = meter.CreateCounter<long>("vigil.ingest.readings", description: "Readings durably stored.");
        Refused = meter.CreateCounter<long>("vigil.ingest.refused", description: "Batches refused, by code.");
    }

    /// <summary>Opens sealed batches.</summary>
    public BatchOpener Opener { get; }

    /// <summary>The record's batch store.</summary>
    public IBatchStore Batches { get; }

    /// <summary>The registry cache.</summary>
    public RegistryCache Registry { get; }

    /// <summary>Security events.</summary>
    public SecurityEventSink Events { get; }

    /// <summary>Signs receipts.</summary>
    public ReceiptSigner Receipts { get; }

    /// <summary>Stored readings (to restore a device's sensor history).</summary>
    public IReadingStore Readings { get; }

    /// <summary>What to do when a device stops being trusted.</summary>
    public TrustResponse Trust { get; }

    /// <summary>The way to the patients' actors.</summary>
    public IPatientChannel Patients { get; }

    /// <summary>How ingest behaves.</summary>
    public IngestOptions Options { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    internal Counter<long> BatchesStored { get; }

    internal Counter<long> ReadingsStored { get; }

    internal Counter<long> Refused { get; }
}

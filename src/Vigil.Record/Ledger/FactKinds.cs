namespace Vigil.Record.Ledger;

/// <summary>
/// The facts the ledger covers besides batches, accesses and verdicts (docs/record.md, "Facts"):
/// what decides what a clinician sees (alerts and their actions, reference measurements, the
/// patient's thresholds and identity, devices with their status and binding, device flags,
/// known-good firmware, recalls) and what an investigator relies on (incidents, security events).
/// </summary>
internal static class FactKinds
{
    private static readonly FactField Id = new("id", "id", FactFieldType.Integer);

    /// <summary>A clinical or data-integrity alert; a new entry each time it changes (occurrence, integrity, status).</summary>
    public static readonly FactKind Alert = new("alert", "alerts", [Id], [
        Text("patient_id", "patient"), Text("device_id", "device"), Number("raised_at", "raised"), Number("reading_at", "reading-at"),
        Number("status", "status"), Number("integrity", "integrity"), Number("updated_at", "updated"), Number("occurrences", "occurrences"),
        Number("last_reading_at", "last-reading-at"), new("sealed", "sealed-sha256", FactFieldType.Digest)]);

    /// <summary>An action on an alert (acknowledge, confirm, escalate, dismiss) with its sealed note.</summary>
    public static readonly FactKind AlertAction = new("alert-action", "alert_actions", [Id], [
        Number("alert_id", "alert"), Number("at", "at"), Text("action", "action"), Text("actor", "actor"),
        new("sealed_note", "sealed-note-sha256", FactFieldType.Digest)]);

    /// <summary>A reference (fingerstick) measurement.</summary>
    public static readonly FactKind Calibration = new("calibration", "calibrations", [Id], [
        Text("patient_id", "patient"), Number("at", "at"), Number("entered_at", "entered"), Text("device_id", "device"),
        Text("source", "source"), new("sealed", "sealed-sha256", FactFieldType.Digest)]);

    /// <summary>A patient: the sealed identity (name, MRN), the glucose unit shown.</summary>
    public static readonly FactKind Patient = new("patient", "patients", [new("id", "id", FactFieldType.Text)], [
        new("sealed_identity", "sealed-identity-sha256", FactFieldType.Digest), Text("glucose_unit", "glucose-unit"), Number("added_at", "added")]);

    /// <summary>A patient's alert thresholds (sealed).</summary>
    public static readonly FactKind Thresholds = new("thresholds", "patient_thresholds", [new("patient_id", "patient", FactFieldType.Text)], [
        new("sealed", "sealed-sha256", FactFieldType.Digest)]);

    /// <summary>An enrolled device: its certificate, attributes, status and the patient it is bound to.</summary>
    public static readonly FactKind Device = new("device", "devices", [new("id", "id", FactFieldType.Text)], [
        Text("kid", "kid"), new("certificate", "certificate-sha256", FactFieldType.Digest), Text("model", "model"),
        Text("lot", "lot"), Text("serial", "serial"), Text("firmware", "firmware"), Number("status", "status"),
        Text("status_reason", "status-reason"), Number("status_changed_at", "status-changed"), Text("patient_id", "patient"),
        Number("enrolled_at", "enrolled")]);

    /// <summary>A flag on a device (recall, lot drift, clone...): its readings since then are doubted.</summary>
    public static readonly FactKind DeviceFlag = new("device-flag", "device_flags",
        [new("device_id", "device", FactFieldType.Text), new("flag", "flag", FactFieldType.Text)],
        [Number("since", "since"), Text("reference", "reference"), Number("set_at", "set")]);

    /// <summary>Known-good firmware of a model.</summary>
    public static readonly FactKind Firmware = new("firmware", "firmware_allowlist",
        [new("model", "model", FactFieldType.Text), new("digest", "digest", FactFieldType.Hex)],
        [Text("version", "version"), Number("added_at", "added")]);

    /// <summary>A recall of devices.</summary>
    public static readonly FactKind Recall = new("recall", "recalls", [Id], [
        Text("model", "model"), Text("lots", "lots"), Text("serials", "serials"), Text("firmware", "firmware"),
        Number("since", "since"), Text("reason", "reason"), Number("created_at", "created"), Number("devices", "devices"), Number("readings", "readings")]);

    /// <summary>An incident (clone, clock skew, drift, lot drift...).</summary>
    public static readonly FactKind Incident = new("incident", "incidents", [Id], [
        Text("kind", "kind"), Text("device_id", "device"), Number("opened_at", "opened"), Number("since", "since"),
        Text("detail", "detail"), Text("status", "status"), Text("subject", "about")]);

    /// <summary>A security event (with the count of refusals it stands for).</summary>
    public static readonly FactKind SecurityEvent = new("security-event", "security_events", [Id], [
        Number("at", "at"), Text("code", "code"), Text("principal", "principal"), Text("source", "source"),
        Text("device_id", "device"), Text("detail", "detail"), Number("count", "count")]);

    /// <summary>Every kind, in the order the auditor reads them.</summary>
    public static IReadOnlyList<FactKind> All { get; } = [Alert, AlertAction, Calibration, Patient, Thresholds, Device, DeviceFlag, Firmware, Recall, Incident, SecurityEvent];

    /// <summary>The kind of a name, or null.</summary>
    public static FactKind? Named(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    private static FactField Number(string column, string name) => new(column, name, FactFieldType.Integer);

    private static FactField Text(string column, string name) => new(column, name, FactFieldType.Text);
}

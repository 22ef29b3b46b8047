namespace Vigil.Record.Changes;

/// <summary>What a change notification is about; its name is the payload's first part.</summary>
public enum RecordChangeKind
{
    /// <summary>Anything in the registry may have changed (<c>registry:*</c>): read it all again.</summary>
    Registry,

    /// <summary>A device: its enrolment, status, certificate or patient binding (<c>device:ID</c>).</summary>
    Device,

    /// <summary>A relay: its enrolment or the devices bound to it (<c>relay:ID</c>).</summary>
    Relay,

    /// <summary>A patient (<c>patient:ID</c>).</summary>
    Patient,

    /// <summary>A device's standing flags (<c>flag:DEVICE</c>).</summary>
    Flag,

    /// <summary>A model's known-good firmware (<c>firmware:MODEL</c>).</summary>
    Firmware,
}

namespace Vigil.Domain.Devices;

/// <summary>Where a device stands with the platform.</summary>
public enum DeviceStatus
{
    /// <summary>Enrolled and trusted: its batches are accepted.</summary>
    Active = 1,

    /// <summary>Accepted and stored, but marked: its data is never trusted.</summary>
    Quarantined = 2,

    /// <summary>Refused at connect and at ingest from now on.</summary>
    Revoked = 3,
}

namespace Vigil.Domain.Readings;

/// <summary>Conditions the sensor reports with a reading. Bit values are part of the wire format.</summary>
[Flags]
public enum ReadingFlags
{
    /// <summary>No condition.</summary>
    None = 0,

    /// <summary>The sensor reported an error; the value must not be used clinically.</summary>
    SensorError = 1,

    /// <summary>A reference value entered for calibration (for example a fingerstick glucose).</summary>
    Calibration = 2,

    /// <summary>Below the sensor's measuring range (a CGM's "LOW"); the value is the range's lower limit.</summary>
    BelowRange = 4,

    /// <summary>Above the sensor's measuring range (a CGM's "HIGH"); the value is the range's upper limit.</summary>
    AboveRange = 8,

    /// <summary>Measured earlier and sent late, after a gap in connectivity.</summary>
    Backfilled = 16,

    /// <summary>The sensor detected motion or contact artefacts.</summary>
    Artifact = 32,

    /// <summary>The sensor is warming up after insertion or power-on.</summary>
    WarmUp = 64,
}

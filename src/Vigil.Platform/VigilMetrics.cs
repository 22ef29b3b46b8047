namespace Vigil.Platform;

/// <summary>Names of Vigil's metrics.</summary>
public static class VigilMetrics
{
    /// <summary>The meter every Vigil instrument belongs to.</summary>
    public const string MeterName = "Vigil";
}

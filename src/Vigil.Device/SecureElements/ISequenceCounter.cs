namespace Vigil.Device.SecureElements;

/// <summary>A monotonic counter: each call returns a value greater than every earlier one.</summary>
public interface ISequenceCounter
{
    /// <summary>The next value.</summary>
    ulong Next();
}

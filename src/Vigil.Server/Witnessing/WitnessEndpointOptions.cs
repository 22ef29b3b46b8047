namespace Vigil.Server.Witnessing;

/// <summary>One witness: its submission prefix and verifier key.</summary>
internal sealed class WitnessEndpointOptions
{
    /// <summary>The submission prefix, e.g. <c>http://127.0.0.1:7380</c>; <c>/add-checkpoint</c> is appended.</summary>
    public string Url { get; set; } = "";

    /// <summary>The witness's Ed25519 cosignature vkey (<c>name+keyid+base64(0x04 || key)</c>).</summary>
    public string Vkey { get; set; } = "";
}

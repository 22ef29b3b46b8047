using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Vigil.Record.Witness;
using Vigil.Simulator.Transport;

namespace Vigil.Cli.Commands;

/// <summary>
/// Reads checkpoints from where a third party finds them: a Vigil server's
/// <c>/api/v1/ledger/checkpoint</c> and <c>/consistency</c>, a publish directory's
/// <c>checkpoint</c>, or a witness's <c>/ORIGIN-HASH/checkpoint</c>.
/// </summary>
internal sealed class CheckpointFetch : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>An HTTP client trusting <paramref name="ca"/> for HTTPS (the platform CA), or the system's roots without one.</summary>
    public CheckpointFetch(X509Certificate2? ca)
    {
        var handler = new SocketsHttpHandler();
        if (ca is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = PlatformTrust.Validator(ca);
        }

        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>The latest checkpoint a Vigil server serves.</summary>
    public Task<string> FromLogAsync(Uri log, CancellationToken cancellation) => _http.GetStringAsync(new Uri(log, "/api/v1/ledger/checkpoint"), cancellation);

    /// <summary>The checkpoint a witness keeps for an origin.</summary>
    public Task<string> FromWitnessAsync(Uri witness, string origin, CancellationToken cancellation) =>
        _http.GetStringAsync(new Uri(witness, $"{witness.AbsolutePath.TrimEnd('/')}/{WitnessState.OriginHash(origin)}/checkpoint"), cancellation);

    /// <summary>The latest checkpoint of a publish directory.</summary>
    public static string FromPublished(DirectoryInfo directory) => File.ReadAllText(Path.Combine(directory.FullName, "checkpoint"));

    /// <summary>A consistency proof from a Vigil server; null if it answers none.</summary>
    public async Task<IReadOnlyList<byte[]>?> ConsistencyAsync(Uri log, long from, long to, CancellationToken cancellation)
    {
        using var response = await _http.GetAsync(new Uri(log, $"/api/v1/ledger/consistency?from={from}&to={to}"), cancellation);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        try
        {
            var document = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
            return [.. document.GetProperty("consistencyPath").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString() ?? ""))];
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Server.Witnessing;

/// <summary>
/// Publishes checkpoints to an HTTP(S) endpoint outside the data folder, by PUT: each note to
/// <c>PREFIX/checkpoints/SIZE</c>, then to <c>PREFIX/checkpoint</c>, as <c>text/plain</c>, with
/// <c>Authorization: Bearer TOKEN</c> when a token is set. Any 2xx is success; anything else, or
/// no answer, leaves the note to be sent again at the next round. A WebDAV share or an object
/// store that accepts PUT can serve the result to monitors.
/// </summary>
internal sealed class CheckpointUploader(HttpClient http, Uri? prefix, string? token)
{
    private string? _sent;

    /// <summary>Whether an endpoint is configured.</summary>
    public bool Enabled => prefix is not null;

    /// <summary>Sends the note unless it was the last one sent; the reason it failed, or null.</summary>
    public async Task<string?> UploadAsync(long size, string note, CancellationToken cancellation)
    {
        if (prefix is null || note == _sent)
        {
            return null;
        }

        foreach (var path in new[] { $"checkpoints/{size.ToString(CultureInfo.InvariantCulture)}", "checkpoint" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(prefix, path))
            {
                Content = new StringContent(note, Encoding.UTF8, "text/plain"),
            };
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellation);
                if (!response.IsSuccessStatusCode)
                {
                    return $"PUT {request.RequestUri} answered {(int)response.StatusCode}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return $"PUT {request.RequestUri}: {e.Message}";
            }
        }

        _sent = note;
        return null;
    }
}

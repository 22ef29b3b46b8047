using Microsoft.Extensions.Options;
using Vigil.Platform.Queries;
using Vigil.Platform.Security;
using Vigil.Record.Witness;
using Vigil.Server.Hosting;

namespace Vigil.Server.Witnessing;

/// <summary>Registers witnessing and publishing of checkpoints.</summary>
internal static class WitnessingServices
{
    /// <summary>
    /// Adds <see cref="CheckpointDistribution"/> from <see cref="WitnessingOptions"/>, over the platform's
    /// <see cref="CosignedCheckpoints"/>; a bad vkey or URL stops the start.
    /// </summary>
    public static WebApplicationBuilder AddVigilWitnessing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WitnessingOptions>().BindConfiguration(DeploymentOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WitnessingOptions>>().Value;
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var cosigned = sp.GetRequiredService<CosignedCheckpoints>();
            var configured = options.Witnesses.Select(w =>
            {
                var key = CosignerKey.Parse(w.Vkey, out var error) ?? throw new InvalidOperationException($"Vigil:Witnesses: {error} ('{w.Vkey}').");
                if (!Uri.TryCreate(w.Url.EndsWith('/') ? w.Url : w.Url + "/", UriKind.Absolute, out var prefix) || prefix.Scheme is not ("http" or "https"))
                {
                    throw new InvalidOperationException($"Vigil:Witnesses: '{w.Url}' is not an http(s) URL.");
                }

                return (Url: prefix, Key: key);
            }).ToList();
            if (configured.Count > 0)
            {
                cosigned.Remember(configured);
            }

            var clients = configured.Select(w => new WitnessClient(http, w.Url, w.Key, sp.GetRequiredService<LedgerViews>(), cosigned)).ToList();
            Uri? publishUrl = null;
            if (options.Checkpoints.PublishUrl is { Length: > 0 } url
                && (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out publishUrl) || publishUrl.Scheme is not ("http" or "https")))
            {
                throw new InvalidOperationException($"Vigil:Checkpoints:PublishUrl: '{url}' is not an http(s) URL.");
            }

            return new CheckpointDistribution(
                clients, new CheckpointPublisher(options.Checkpoints.PublishDirectory), new CheckpointUploader(http, publishUrl, options.Checkpoints.PublishToken), cosigned,
                sp.GetRequiredService<SecurityEventSink>(), sp.GetRequiredService<ILogger<CheckpointDistribution>>());
        });
        return builder;
    }
}

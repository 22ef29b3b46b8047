using System.Globalization;
using System.Net;
using System.Text;
using Vigil.Platform.Queries;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Server.Witnessing;

/// <summary>
/// Submits checkpoints to one C2SP tlog-witness: <c>old N</c> is the size this witness last
/// cosigned (kept in <see cref="CosignedCheckpoints"/>) with the consistency proof from it; on
/// 409 the size the witness answers is taken and the request made once more. A 200's
/// cosignature is verified before it is kept.
/// </summary>
internal sealed class WitnessClient(HttpClient http, Uri prefix, CosignerKey witness, LedgerViews ledger, CosignedCheckpoints store)
{
    /// <summary>The witness's key.</summary>
    public CosignerKey Key => witness;

    /// <summary>Asks the witness to cosign a checkpoint.</summary>
    public async Task<WitnessOutcome> SubmitAsync(StoredCheckpoint checkpoint, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var old = store.LastSize(witness);
        for (var attempt = 0; ; attempt++)
        {
            if (old > checkpoint.Size)
            {
                return new(WitnessOutcomeKind.Refused, $"witness {witness.Name} has cosigned size {old}, larger than this log's checkpoint of size {checkpoint.Size}: the log shrank (rolled back or truncated)");
            }

            var proof = await ledger.ConsistencyAsync(old, checkpoint.Size) ?? [];
            var body = new AddCheckpointRequest(old, proof, checkpoint.Note).Format();
            HttpResponseMessage response;
            string text;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "text/plain");
                response = await http.PostAsync(new Uri(prefix, "add-checkpoint"), content, cancellation);
                text = await response.Content.ReadAsStringAsync(cancellation);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return new(WitnessOutcomeKind.Unreachable, e.Message);
            }

            using (response)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        var noteBody = Cosignature.BodyOf(checkpoint.Note)!;
                        return Cosignature.Verify(witness, noteBody, text) is null
                            ? new(WitnessOutcomeKind.Refused, $"witness {witness.Name} answered without a valid cosignature by its key")
                            : new(WitnessOutcomeKind.Cosigned, store.Add(witness, checkpoint.Size, checkpoint.Note, text));
                    case HttpStatusCode.Conflict when attempt == 0 && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var known):
                        old = known;
                        continue;
                    case HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest:
                        return new(WitnessOutcomeKind.Refused, $"witness {witness.Name} refused size {checkpoint.Size} (old {old}) with {(int)response.StatusCode}: {text.Trim()}");
                    default:
                        return new(WitnessOutcomeKind.Unreachable, $"witness {witness.Name} answered {(int)response.StatusCode}");
                }
            }
        }
    }
}

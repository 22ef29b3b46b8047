using System.Globalization;
using NSec.Cryptography;
using Vigil.Record.Ledger;

namespace Vigil.Record.Witness;

/// <summary>
/// A C2SP tlog-witness: answers add-checkpoint for the logs it knows. It cosigns a checkpoint
/// only if it is signed by the log's key and consistent with the latest one it cosigned for that
/// origin, which it then replaces durably before answering; check and replace run under one
/// lock, so two requests can never roll its state back (the race the spec describes).
/// </summary>
public sealed class LogWitness(Key key, CosignerKey cosigner, IReadOnlyList<WitnessedLog> logs, WitnessState state, TimeProvider time)
{
    /// <summary>The folder the witness keeps its state in.</summary>
    public string StateDirectory => state.Directory;

    private readonly Lock _lock = new();

    /// <summary>The witness's public key.</summary>
    public CosignerKey Cosigner => cosigner;

    /// <summary>Answers one add-checkpoint request body.</summary>
    public WitnessReply AddCheckpoint(string body)
    {
        if (AddCheckpointRequest.Parse(body, out var error) is not { } request)
        {
            return WitnessReply.Refuse(400, $"malformed request: {error}");
        }

        var noteBody = Cosignature.BodyOf(request.Note);
        var origin = noteBody?.Split('\n')[0];
        if (logs.FirstOrDefault(l => l.Origin == origin) is not { } log)
        {
            return WitnessReply.Refuse(404, $"unknown log origin '{origin}'");
        }

        if (SignedNote.Open(request.Note, log.Origin, log.Key) is not { } text || Checkpoint.Parse(text) is not { } checkpoint || checkpoint.Origin != log.Origin)
        {
            return WitnessReply.Refuse(403, $"the checkpoint of {log.Origin} carries no valid signature by the log's key");
        }

        if (request.OldSize > checkpoint.Size)
        {
            return WitnessReply.Refuse(400, $"old size {request.OldSize} is larger than the checkpoint's size {checkpoint.Size}");
        }

        lock (_lock)
        {
            return Check(log, request, checkpoint, text);
        }
    }

    private WitnessReply Check(WitnessedLog log, AddCheckpointRequest request, Checkpoint checkpoint, string text)
    {
        var known = state.Read(log.Origin);
        var knownSize = known?.Size ?? 0;
        if (request.OldSize != knownSize)
        {
            var alarm = checkpoint.Size < knownSize
                ? $"log {log.Origin} SHRANK: it signed size {checkpoint.Size} after this witness cosigned size {knownSize} (rolled back or truncated)"
                : null;
            return new WitnessReply(409, WitnessReply.SizeType, knownSize.ToString(CultureInfo.InvariantCulture) + "\n", alarm);
        }

        if (checkpoint.Size == 0 && !checkpoint.RootHash.AsSpan().SequenceEqual(MerkleHash.Empty))
        {
            return WitnessReply.Refuse(422, "a checkpoint of size 0 must have the empty tree's root");
        }

        if (known is null)
        {
            if (request.Proof.Count != 0)
            {
                return WitnessReply.Refuse(422, "old size 0 takes an empty consistency proof");
            }
        }
        else if (known.Size == checkpoint.Size)
        {
            if (!known.Root.AsSpan().SequenceEqual(checkpoint.RootHash) || request.Proof.Count != 0)
            {
                return WitnessReply.Refuse(422, $"size {checkpoint.Size} has another root than the one cosigned", $"log {log.Origin} FORKED: two roots at size {checkpoint.Size}");
            }
        }
        else if (!MerkleTree.VerifyConsistency(known.Size, checkpoint.Size, known.Root, checkpoint.RootHash, request.Proof))
        {
            return WitnessReply.Refuse(
                422,
                $"the consistency proof from {known.Size} to {checkpoint.Size} does not verify",
                $"log {log.Origin} FORKED or sent a bad proof: size {checkpoint.Size} is not consistent with the cosigned size {known.Size}");
        }

        var timestamp = Math.Max(1, time.GetUtcNow().ToUnixTimeSeconds());
        var line = Cosignature.Sign(key, cosigner, text, timestamp);
        state.Write(log.Origin, new WitnessedHead(checkpoint.Size, checkpoint.RootHash, Cosignature.AddTo(request.Note, line)));
        return new WitnessReply(200, "text/plain; charset=utf-8", line);
    }
}

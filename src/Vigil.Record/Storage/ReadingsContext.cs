namespace Vigil.Record.Storage;

/// <summary>What the readings of one batch say of it, gathered as they are read.</summary>
internal sealed class ReadingsContext
{
    private bool _any;
    private string? _patient;
    private long _received;
    private int _rules;
    private bool _consistent = true;
    private bool _ingestHolds = true;

    /// <summary>Adds the next reading's patient, received time and ingest rules, and whether its ingest verdict holds.</summary>
    public void Add(string? patient, long received, int rules, bool ingestVerdictHolds)
    {
        if (!_any)
        {
            (_any, _patient, _received, _rules) = (true, patient, received, rules);
        }
        else if (patient != _patient || received != _received || rules != _rules)
        {
            _consistent = false;
        }

        _ingestHolds &= ingestVerdictHolds;
    }

    /// <summary>The batch's readings as gathered; the context is then empty again.</summary>
    public BatchReadings Finish(string device, long sequence, byte[] digest, List<int> indexes)
    {
        var readings = new BatchReadings(device, sequence, digest, indexes, _patient, _received, _any ? _rules : null, _consistent, _ingestHolds);
        (_any, _patient, _received, _rules, _consistent, _ingestHolds) = (false, null, 0, 0, true, true);
        return readings;
    }
}

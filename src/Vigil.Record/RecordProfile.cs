using Vigil.Record.Storage;

namespace Vigil.Record;

/// <summary>
/// What a record was made for, fixed when it is created: a clinical record (patient data sealed,
/// every batch in the ledger, served by <c>vigil serve</c>) or a benchmark's reference record
/// (made by <c>vigil bench ingest</c> alone, which may leave protection off to measure what it
/// costs, and which <c>vigil serve</c> refuses). No setting turns protection off: a record opens
/// as it was made.
/// </summary>
/// <param name="Purpose">What the record is for.</param>
/// <param name="Protected">Whether patient data is sealed and batches are entered in the ledger.</param>
public sealed record RecordProfile(RecordPurpose Purpose, bool Protected)
{
    /// <summary>Every record but the benchmark's references.</summary>
    public static RecordProfile Clinical { get; } = new(RecordPurpose.Clinical, true);

    internal static RecordProfile Read(RecordDatabase database)
    {
        using var connection = database.Open();
        var rows = Sql.Query(
            connection, null, "SELECT purpose, protection FROM record_profile WHERE id = 1;",
            r => (Purpose: r.GetString(0), Protection: r.GetString(1)));
        if (rows.Count != 1)
        {
            throw new InvalidDataException("the record has no profile: it was not made by this version of Vigil");
        }

        var purpose = rows[0].Purpose switch
        {
            "clinical" => RecordPurpose.Clinical,
            "benchmark" => RecordPurpose.Benchmark,
            _ => throw new InvalidDataException($"the record's purpose '{rows[0].Purpose}' is unknown to this version of Vigil"),
        };
        var protection = rows[0].Protection switch
        {
            "protected" => true,
            "none" when purpose == RecordPurpose.Benchmark => false,
            _ => throw new InvalidDataException($"the record's protection '{rows[0].Protection}' is not allowed for a {rows[0].Purpose} record"),
        };
        return new RecordProfile(purpose, protection);
    }

    // Only a record that holds nothing yet takes another profile: what it was made as is what it stays.
    internal static void Make(RecordDatabase database, RecordProfile profile)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var held = Sql.ScalarLong(connection, transaction, "SELECT (SELECT count(*) FROM batches) + (SELECT count(*) FROM patients) + (SELECT count(*) FROM devices);");
        if (held > 0)
        {
            throw new InvalidOperationException("a record that already holds data keeps the profile it was made with");
        }

        Sql.Execute(
            connection, transaction, "UPDATE record_profile SET purpose = @purpose, protection = @protection WHERE id = 1;",
            ("@purpose", profile.Purpose == RecordPurpose.Benchmark ? "benchmark" : "clinical"), ("@protection", profile.Protected ? "protected" : "none"));
        transaction.Commit();
    }
}

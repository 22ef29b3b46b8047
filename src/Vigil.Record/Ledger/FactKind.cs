namespace Vigil.Record.Ledger;

/// <summary>
/// A kind of fact the ledger covers besides batches, accesses and verdicts: a row of one table,
/// named by its key, whose every column that decides what a clinician or an investigator sees is
/// a line of its leaf. Each time the row is written, its leaf is built from the row as stored and
/// appended as a new entry; the row keeps the index of its newest entry (<c>ledger_idx</c>). A
/// row that Vigil removes gets a last entry that says so (<see cref="FactLeaf.Removed"/>).
/// </summary>
/// <param name="Kind">The entry's kind and the leaf's header word.</param>
/// <param name="Table">The table holding the rows.</param>
/// <param name="Key">The columns naming a row; their values, joined by <c>#</c> after the kind, are its subject.</param>
/// <param name="Fields">The other columns, in leaf order.</param>
internal sealed record FactKind(string Kind, string Table, IReadOnlyList<FactField> Key, IReadOnlyList<FactField> Fields)
{
    /// <summary>Every column the leaf is built from: the key's, then the fields'.</summary>
    public IEnumerable<FactField> Columns => Key.Concat(Fields);

    /// <summary>The <c>WHERE</c> clause naming one row by its key, with parameters <c>@k0</c>, <c>@k1</c>, ....</summary>
    public string KeyMatch => string.Join(" AND ", Key.Select((k, i) => $"{k.Column} = @k{i}"));

    /// <summary>The select list: every column, then <c>ledger_idx</c>.</summary>
    public string SelectList => string.Join(", ", Columns.Select(c => c.Column)) + ", ledger_idx";
}

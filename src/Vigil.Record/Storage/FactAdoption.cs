using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// Once, after the migration that brought the record's other facts into the ledger: every row
/// stored before it gets its first entry, in one transaction that also clears the mark the
/// migration left (<c>ledger_adoption</c>). From then on a row without an entry was put there
/// behind Vigil's back, and the audit names it.
/// </summary>
internal static class FactAdoption
{
    public static void Run(RecordDatabase database)
    {
        using var connection = database.Open();
        if (Sql.ScalarLong(connection, null, "SELECT count(*) FROM ledger_adoption;") == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        // Nodes starting together adopt once: the mark is locked, and gone for the second.
        if (Sql.Query(connection, transaction, $"SELECT id FROM ledger_adoption{database.ForUpdate};", r => r.Long(0)).Count == 0)
        {
            return;
        }

        using (var facts = FactRecorder.Open(connection, transaction, database))
        {
            foreach (var kind in FactKinds.All)
            {
                var keys = string.Join(", ", kind.Key.Select(k => k.Column));
                var rows = Sql.Query(
                    connection, transaction, $"SELECT {keys} FROM {kind.Table} WHERE ledger_idx IS NULL ORDER BY {keys};",
                    r => Enumerable.Range(0, kind.Key.Count).Select(r.GetValue).ToArray());
                foreach (var key in rows)
                {
                    facts.Record(kind, key);
                }
            }

            facts.Save();
        }

        Sql.Execute(connection, transaction, "DELETE FROM ledger_adoption;");
        transaction.Commit();
    }
}

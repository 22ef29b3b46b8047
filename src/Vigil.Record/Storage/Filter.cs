using System.Text;

namespace Vigil.Record.Storage;

/// <summary>
/// A <c>WHERE</c> clause built from the conditions a query sets, so that each database plans the
/// query it is actually asked (and uses its indexes) instead of one with <c>@x IS NULL OR ...</c>
/// for every optional field.
/// </summary>
internal sealed class Filter
{
    private readonly StringBuilder _clause = new();
    private readonly List<(string Name, object? Value)> _parameters = [];

    /// <summary>The parameters of the conditions added.</summary>
    public IEnumerable<(string Name, object? Value)> Parameters => _parameters;

    /// <summary>Adds a condition when its value is set.</summary>
    public void Add(string condition, string parameter, object? value)
    {
        if (value is null)
        {
            return;
        }

        _clause.Append(_clause.Length == 0 ? "WHERE " : " AND ").Append(condition);
        _parameters.Add((parameter, value));
    }

    /// <summary>Adds a condition without a parameter.</summary>
    public void Add(string condition) => _clause.Append(_clause.Length == 0 ? "WHERE " : " AND ").Append(condition);

    /// <inheritdoc />
    public override string ToString() => _clause.ToString();
}

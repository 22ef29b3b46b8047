namespace Vigil.Record.Changes;

/// <summary>A notification's payload parsed: the change, or why it was refused (a stable code and a detail for the log).</summary>
public readonly record struct RecordChangeParse
{
    private RecordChangeParse(RecordChange change, string? code, string? detail)
    {
        Change = change;
        Code = code;
        Detail = detail;
    }

    /// <summary>The change, when <see cref="IsSuccess"/>.</summary>
    public RecordChange Change { get; }

    /// <summary>
    /// Why the payload was refused: <c>empty</c>, <c>too-long</c>, <c>not-utf8</c>, <c>no-kind</c>,
    /// <c>unknown-kind</c> or <c>bad-subject</c>; null on success.
    /// </summary>
    public string? Code { get; }

    /// <summary>A detail of the refusal for the log, with control characters replaced.</summary>
    public string? Detail { get; }

    /// <summary>Whether the payload named a change.</summary>
    public bool IsSuccess => Code is null;

    /// <summary>A change.</summary>
    public static RecordChangeParse Ok(RecordChange change) => new(change, null, null);

    /// <summary>A refusal.</summary>
    public static RecordChangeParse Fail(string code, string detail) => new(default, code, detail);
}

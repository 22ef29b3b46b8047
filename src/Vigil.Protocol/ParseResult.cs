using System.Diagnostics.CodeAnalysis;

namespace Vigil.Protocol;

/// <summary>The outcome of parsing untrusted bytes: a value, or the failure with a detail for logs.</summary>
/// <typeparam name="T">The parsed type.</typeparam>
public readonly record struct ParseResult<T>
    where T : class
{
    private ParseResult(T? value, OpenFailure failure, string? detail)
    {
        Value = value;
        Failure = failure;
        Detail = detail;
    }

    /// <summary>The parsed value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The failure when not <see cref="IsSuccess"/>.</summary>
    public OpenFailure Failure { get; }

    /// <summary>A human-readable detail of the failure (never secret).</summary>
    public string? Detail { get; }

    /// <summary>Whether parsing succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Value is not null;

    /// <summary>A success.</summary>
    public static ParseResult<T> Ok(T value) => new(value, default, null);

    /// <summary>A failure.</summary>
    public static ParseResult<T> Fail(OpenFailure failure, string detail) => new(null, failure, detail);
}

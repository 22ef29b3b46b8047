using System.Reflection;
using System.Text.RegularExpressions;
using Vigil.Record;
using Vigil.Record.Access;
using Vigil.Record.Batches;
using Vigil.Record.Clinical;
using Vigil.Record.Events;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Record.Registry;
using Vigil.Record.Storage;
using Vigil.Record.Trust;

namespace Vigil.Server.Tests;

/// <summary>
/// Where compiled code refers to the record's stores. A type refers to a store when one appears in
/// its base types, fields, properties or method signatures and locals, or among the members and
/// types of other assemblies its method bodies name (<see cref="IlReferences"/>), itself or as a
/// generic argument (<c>GetRequiredService&lt;IRegistry&gt;</c>). What the compiler made out of a
/// method (its lambdas, closures, local functions and async or iterator state machines) is charged
/// to that method: lambdas and state machines by the names Roslyn gives them (<c>&lt;M&gt;b__N_K</c>,
/// <c>&lt;M&gt;d__N</c>), a closure's captured variables to the method that makes the closure; a
/// field that holds a primary constructor's parameter is charged to the constructor. A member of
/// the scanned assembly counts where it is declared, and a delegate type only through the method it
/// is made from or invoked as: mapping an endpoint to a handler that takes a store charges the
/// handler, not the method that maps it.
/// </summary>
public static partial class RecordReach
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Type[] Named =
    [
        typeof(IRegistry), typeof(IBatchStore), typeof(IReadingStore), typeof(IClinicalStore), typeof(IAccessStore), typeof(IEventLog),
        typeof(ITrustStore), typeof(ILedger), typeof(IAuditSource), typeof(RecordStore), typeof(RecordDatabase),
    ];

    /// <summary>The store types: the named ones and every type of the record that is one of them (the <c>Sql*</c> stores, the SQLite and PostgreSQL databases).</summary>
    public static IReadOnlySet<Type> Stores { get; } =
        typeof(RecordStore).Assembly.GetTypes().Where(t => Named.Any(n => n.IsAssignableFrom(t))).Concat(Named).ToHashSet();

    /// <summary>Each member of <paramref name="type"/> (and of the types nested in it) that refers to a store, as <c>Namespace.Type.Member</c>, with the store.</summary>
    public static IEnumerable<(string Member, Type Store)> In(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Scan(type, type);
    }

    private static IEnumerable<(string Member, Type Store)> Scan(Type type, Type owner)
    {
        foreach (var (member, mentioned) in Mentions(type))
        {
            if (StoreIn(mentioned) is { } store)
            {
                yield return (Charge(owner, type, member), store);
            }
        }

        foreach (var nested in type.GetNestedTypes(Declared))
        {
            foreach (var finding in Scan(nested, IsGenerated(nested.Name) ? owner : nested))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<(string Member, Type Type)> Mentions(Type type)
    {
        foreach (var t in type.GetInterfaces().Append(type.BaseType).OfType<Type>())
        {
            yield return ("(type)", t);
        }

        foreach (var field in type.GetFields(Declared))
        {
            yield return (field.Name, field.FieldType);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            yield return (property.Name, property.PropertyType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var named = Signature(method)
                .Concat(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? [])
                .Concat(IlReferences.Of(method).SelectMany(r => NamedBy(r, type.Assembly)));
            foreach (var t in named)
            {
                yield return (method.Name, t);
            }
        }
    }

    private static IEnumerable<Type> Signature(MethodBase method) =>
        method.GetParameters().Select(p => p.ParameterType)
            .Concat(method is MethodInfo m ? [m.ReturnType] : [])
            .Concat(method.IsGenericMethod ? method.GetGenericArguments() : []);

    // A member of the assembly scanned is judged where it is declared, not where it is named:
    // mapping an endpoint to its handler (ldftn) is not reaching what the handler takes.
    private static IEnumerable<Type> NamedBy(MemberInfo member, Assembly scanned) => member switch
    {
        Type t => [t],
        _ when member.DeclaringType?.Assembly == scanned => [],
        FieldInfo f => [f.DeclaringType!, f.FieldType],
        MethodBase m => Signature(m).Prepend(m.DeclaringType!),
        _ => [],
    };

    private static Type? StoreIn(Type type)
    {
        if (type.HasElementType)
        {
            return StoreIn(type.GetElementType()!);
        }

        if (type.IsGenericParameter || typeof(Delegate).IsAssignableFrom(type))
        {
            return null;
        }

        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return Stores.Contains(definition) ? definition : type.IsGenericType ? type.GetGenericArguments().Select(StoreIn).FirstOrDefault(s => s is not null) : null;
    }

    private static string Charge(Type owner, Type type, string member) => $"{owner.FullName}.{UserMember(owner, type, member, 0)}";

    // The lambda or local function a member is, else the state machine it is in, else (a closure's
    // captured variable) the method that makes the closure.
    private static string UserMember(Type owner, Type type, string member, int depth)
    {
        if (type == owner)
        {
            return UserName(member) ?? member;
        }

        var name = (MethodName().IsMatch(member) ? UserName(member) : null)
            ?? Chain(type, owner).Select(t => UserName(t.Name)).FirstOrDefault(n => n is not null);
        if (name is not null)
        {
            return name;
        }

        var closure = Chain(type, owner).Last();
        var maker = depth < 8
            ? Tree(owner).Where(t => !Chain(t, owner).Contains(closure))
                .SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
                .FirstOrDefault(m => IlReferences.Of(m).Any(r => r == closure || r.DeclaringType == closure))
            : null;
        return maker is null ? $"?{type.Name}::{member}" : UserMember(owner, maker.DeclaringType!, maker.Name, depth + 1);
    }

    private static IEnumerable<Type> Tree(Type type) => type.GetNestedTypes(Declared).SelectMany(Tree).Prepend(type);

    private static IEnumerable<Type> Chain(Type type, Type owner)
    {
        for (var t = type; t is not null && t != owner; t = t.DeclaringType)
        {
            yield return t;
        }
    }

    private static bool IsGenerated(string name) => name.StartsWith('<');

    // The user's name inside a generated one: <M>b__1_0 and <<M>b__1_0>d are M's; <p>P holds a
    // primary constructor's parameter; a hoisted local (<x>5__2) or a closure (<>c) names none.
    private static string? UserName(string name)
    {
        if (!IsGenerated(name))
        {
            return name;
        }

        if (name.EndsWith(">P", StringComparison.Ordinal))
        {
            return ".ctor";
        }

        var depth = 0;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (depth == 0)
            {
                var inner = name[1..i];
                var kind = name[(i + 1)..];
                return inner.Length == 0 || !(kind.StartsWith("b__", StringComparison.Ordinal) || kind.StartsWith("d__", StringComparison.Ordinal)
                    || kind.StartsWith("g__", StringComparison.Ordinal) || kind == "d" || kind.StartsWith("k__", StringComparison.Ordinal))
                    ? null
                    : UserName(inner);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^<[^<>]+>[bg]__")]
    private static partial Regex MethodName();
}

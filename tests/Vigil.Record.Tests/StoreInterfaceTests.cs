using System.Reflection;
using Vigil.Record.Access;
using Vigil.Record.Batches;
using Vigil.Record.Clinical;
using Vigil.Record.Events;
using Vigil.Record.Readings;
using Vigil.Record.Registry;
using Vigil.Record.Trust;

namespace Vigil.Record.Tests;

/// <summary>
/// Every operation of the record's stores is asynchronous, and can be cancelled: over PostgreSQL
/// each one is a round trip, which must not hold the thread a grain or a request runs on.
/// </summary>
public sealed class StoreInterfaceTests
{
    public static TheoryData<Type> Stores() =>
        [typeof(IRegistry), typeof(ITrustStore), typeof(IBatchStore), typeof(IReadingStore), typeof(IClinicalStore), typeof(IAccessStore), typeof(IEventLog)];

    [Theory]
    [MemberData(nameof(Stores))]
    public void Store_EveryMethodReturnsATaskAndTakesACancellationToken(Type store)
    {
        var methods = store.GetMethods(BindingFlags.Public | BindingFlags.Instance);
        Assert.NotEmpty(methods);
        Assert.All(methods, m =>
        {
            Assert.True(typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType == typeof(ValueTask) || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>)), $"{store.Name}.{m.Name} returns {m.ReturnType.Name}");
            Assert.EndsWith("Async", m.Name, StringComparison.Ordinal);
            Assert.Contains(m.GetParameters(), p => p.ParameterType == typeof(CancellationToken));
        });
    }
}

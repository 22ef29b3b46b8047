using System.Reflection;
using System.Reflection.Emit;

namespace Vigil.Server.Tests;

/// <summary>
/// The members and types a method's compiled body refers to: the metadata-token operands of its
/// call, field, type and <c>ldtoken</c> instructions (ECMA-335 §III.1.9, §III.3 and §III.4),
/// resolved in the method's generic context, found by walking the IL one instruction at a time.
/// </summary>
public static class IlReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every member or type the body of <paramref name="method"/> names by token; none for a method without a body.</summary>
    public static IEnumerable<MemberInfo> Of(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var code = Read(il, ref at);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)
                    ?? throw new InvalidOperationException($"token at IL_{at - code.Size:x4} of {method.DeclaringType}.{method.Name} does not resolve");
            }

            at += OperandSize(code.OperandType, il, at);
        }
    }

    private static OpCode Read(byte[] il, ref int at)
    {
        var value = il[at] == 0xFE ? unchecked((short)(0xFE00 | il[at + 1])) : il[at];
        at += il[at] == 0xFE ? 2 : 1;
        return OpCodesByValue[value];
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}

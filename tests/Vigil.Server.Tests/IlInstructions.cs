using System.Reflection;
using System.Reflection.Emit;

namespace Vigil.Server.Tests;

/// <summary>
/// A method body's IL, one instruction at a time (ECMA-335 §III.1.2): each opcode, one or two
/// bytes, and where its operand starts, stepping over operands by their size.
/// </summary>
public static class IlInstructions
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Each instruction of <paramref name="il"/> with the offset of its operand.</summary>
    public static IEnumerable<(OpCode Code, int Operand)> Of(byte[] il)
    {
        ArgumentNullException.ThrowIfNull(il);
        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? unchecked((short)(0xFE00 | il[at + 1])) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            yield return (code, at);
            at += OperandSize(code.OperandType, il, at);
        }
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

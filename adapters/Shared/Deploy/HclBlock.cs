using System.Text;

namespace Portable.Functions.Deploy;

/// <summary>
/// A Terraform block written in <c>terraform fmt</c> layout: two-space indents, the <c>=</c> of
/// consecutive one-line arguments aligned, a blank line between top-level blocks. Values are raw HCL
/// expressions (quote literals with <see cref="DeployText.Hcl"/>).
/// </summary>
internal sealed class HclBlock(string header)
{
    private readonly List<object?> _items = [];

    /// <summary>Adds an argument (<c>name = expression</c>).</summary>
    public HclBlock Set(string name, string expression)
    {
        _items.Add((name, expression));
        return this;
    }

    /// <summary>Adds a string argument.</summary>
    public HclBlock Text(string name, string value) => Set(name, DeployText.Hcl(value));

    /// <summary>Adds a nested block and returns it.</summary>
    public HclBlock Block(string nestedHeader)
    {
        var block = new HclBlock(nestedHeader);
        _items.Add(block);
        return block;
    }

    /// <summary>Adds a comment line.</summary>
    public HclBlock Comment(string text)
    {
        _items.Add("# " + text);
        return this;
    }

    /// <summary>Renders the block.</summary>
    public void WriteTo(StringBuilder text, int indent = 0)
    {
        var pad = new string(' ', indent);
        if (_items.Count == 0)
        {
            text.Append(pad).Append(header).Append(" {}\n");
            return;
        }

        text.Append(pad).Append(header).Append(" {\n");
        var inner = new string(' ', indent + 2);
        for (var i = 0; i < _items.Count; i++)
        {
            switch (_items[i])
            {
                case ValueTuple<string, string>:
                    // terraform fmt aligns the '=' of a run of single-line arguments.
                    var end = i;
                    var width = 0;
                    while (end < _items.Count && _items[end] is ValueTuple<string, string> run)
                    {
                        width = Math.Max(width, run.Item1.Length);
                        end++;
                    }

                    for (; i < end; i++)
                    {
                        var (name, expression) = (ValueTuple<string, string>)_items[i]!;
                        text.Append(inner).Append(name.PadRight(width)).Append(" = ").Append(expression).Append('\n');
                    }

                    i--;
                    break;
                case HclBlock block:
                    if (i > 0 && _items[i - 1] is ValueTuple<string, string>)
                    {
                        text.Append('\n');
                    }

                    block.WriteTo(text, indent + 2);
                    break;
                case string comment:
                    text.Append(inner).Append(comment).Append('\n');
                    break;
            }
        }

        text.Append(pad).Append("}\n");
    }

    /// <summary>Renders top-level blocks separated by blank lines, after a comment header.</summary>
    public static string Render(string headerComment, IEnumerable<HclBlock> blocks)
    {
        var text = new StringBuilder();
        foreach (var line in headerComment.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }

        foreach (var block in blocks)
        {
            text.Append('\n');
            block.WriteTo(text);
        }

        return text.ToString();
    }
}

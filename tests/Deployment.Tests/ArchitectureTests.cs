using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Gateway.Deployment.Tests;

/// <summary>
/// The structure docs/architecture.md draws, checked against the code: which project references which (one way, as
/// drawn), and no namespace cycle inside any project.
/// </summary>
public partial class ArchitectureTests
{
    /// <summary>Every src project and the projects of ours it references; nothing else may appear.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Protocol"] = [],
        ["Text"] = [],
        ["ModelKit"] = ["Text"],
        ["Grounding"] = ["ModelKit", "Text"],
        ["Inference"] = ["ModelKit", "Text"],
        ["Intent"] = ["ModelKit"],
        ["Training"] = ["ModelKit", "Text", "Grounding"],
        ["Worker"] = ["Inference", "Grounding", "Protocol"],
        ["Gateway"] = ["Intent", "Grounding", "Text", "Protocol", "Worker"],
        ["Cli"] = ["Protocol", "Text", "Grounding", "ModelKit", "Intent", "Inference", "Training"],
    };

    [Fact]
    public void ProjectReferences_AreTheOnesTheArchitectureDraws()
    {
        var projects = Directory.GetDirectories(Repo.File("src")).Select(Path.GetFileName).Where(p => File.Exists(Repo.File("src", p!, p + ".csproj"))).ToList();

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), projects.Order(StringComparer.Ordinal));
        foreach (string project in projects!)
        {
            Assert.Equal(Allowed[project!].Order(StringComparer.Ordinal), References(project!).Select(r => r.Project).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Gateway_BuildsTheWorkerButNeverLinksIt()
    {
        var worker = Assert.Single(References("Gateway"), r => r.Project == "Worker");

        Assert.Equal("false", worker.Element.Attribute("ReferenceOutputAssembly")?.Value);
    }

    [Theory]
    [InlineData("Inference")]
    [InlineData("Text")]
    [InlineData("ModelKit")]
    [InlineData("Grounding")]
    [InlineData("Training")]
    public void Libraries_HaveNoWebCode(string project)
    {
        var file = XDocument.Load(Repo.File("src", project, project + ".csproj"));

        Assert.Equal("Microsoft.NET.Sdk", file.Root!.Attribute("Sdk")?.Value);
        Assert.DoesNotContain(file.Descendants("FrameworkReference"), f => f.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");
    }

    [Fact]
    public void Namespaces_HaveNoCycleInsideAnyProject()
    {
        var cycles = new List<string>();
        foreach (string project in Allowed.Keys)
        {
            var graph = NamespaceGraph(Repo.File("src", project));
            cycles.AddRange(StronglyConnected(graph).Where(c => c.Count > 1).Select(c => $"{project}: {string.Join(" <-> ", c.Order(StringComparer.Ordinal))}"));
        }

        Assert.Empty(cycles);
    }

    private static List<(string Project, XElement Element)> References(string project) =>
        [.. XDocument.Load(Repo.File("src", project, project + ".csproj")).Descendants("ProjectReference")
            .Select(e => (Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')), e))];

    /// <summary>Namespace → namespaces of the same project it uses (by using directives or qualified names).</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => File.ReadAllText(f))
            .Select(text => (Namespace: NamespaceLine().Match(text), Text: text))
            .Where(f => f.Namespace.Success)
            .ToList();
        var known = files.Select(f => f.Namespace.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        string root = RootNamespace(known);
        var graph = known.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (ns, text) in files.Select(f => (f.Namespace.Groups[1].Value, f.Text)))
        {
            var used = UsingLine().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(QualifiedName().Matches(text).Select(m => m.Groups[1].Value))
                .Concat(PartialNames(text, root, known));
            foreach (string reference in used)
            {
                string? target = Closest(reference, known);
                if (target is not null && target != ns && !ns.StartsWith(target + ".", StringComparison.Ordinal) && !target.StartsWith(ns + ".", StringComparison.Ordinal))
                {
                    graph[ns].Add(target);
                }
            }
        }

        return graph;
    }

    /// <summary>The namespace every other of the project starts with (Gateway for the gateway, Gateway.Worker for the worker).</summary>
    private static string RootNamespace(HashSet<string> known)
    {
        string first = known.First();
        string root = string.Join('.', first.Split('.').Take(2));
        return known.All(n => n == root || n.StartsWith(root + ".", StringComparison.Ordinal)) ? root : "Gateway";
    }

    /// <summary>
    /// Names written relative to the project's root namespace (<c>Lifecycle.CanaryManager</c> inside <c>Gateway.Proxy</c>),
    /// which a using directive does not show.
    /// </summary>
    private static IEnumerable<string> PartialNames(string text, string root, HashSet<string> known)
    {
        string code = UsingLine().Replace(text, "");
        foreach (string ns in known.Where(n => n.Length > root.Length))
        {
            string tail = ns[(root.Length + 1)..];
            if (Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(tail)}\.[A-Z]"))
            {
                yield return ns;
            }
        }
    }

    private static string? Closest(string name, HashSet<string> known)
    {
        for (string? n = name; n is not null; n = n.Contains('.', StringComparison.Ordinal) ? n[..n.LastIndexOf('.')] : null)
        {
            if (known.Contains(n))
            {
                return n;
            }
        }

        return null;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in graph[v])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (string v in graph.Keys.Where(v => !index.ContainsKey(v)).ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\b(Gateway(?:\.[A-Z]\w*)+)\.[A-Z]\w*\b")]
    private static partial Regex QualifiedName();
}

using System.Text.Json;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Classroom.Lessons;

/// <summary>A lesson's run at time 0, to check that the names a lesson uses (nodes, metrics, invariants, details) exist.</summary>
internal sealed class LessonProbe
{
    private readonly SimulationSnapshot snapshot;
    private readonly JsonElement details;

    public LessonProbe(SimulationBase simulation)
    {
        Simulation = simulation;
        snapshot = simulation.CreateSnapshot();
        details = LessonConditions.DetailsOf(snapshot);
    }

    public SimulationBase Simulation { get; }

    public void CheckNode(string id)
    {
        if (!snapshot.Nodes.Any(n => n.Id == id))
        {
            throw new SimulationInputException($"unknown node '{id}'. Nodes: {string.Join(", ", snapshot.Nodes.Select(n => n.Id))}.");
        }
    }

    /// <summary>The first part of the path must name a detail; deeper parts (list items) may not exist at time 0.</summary>
    public void CheckDetail(string path)
    {
        string first = path.Split('.')[0];
        if (details.ValueKind != JsonValueKind.Object || !details.TryGetProperty(first, out _))
        {
            var names = details.ValueKind == JsonValueKind.Object ? details.EnumerateObject().Select(p => p.Name) : [];
            throw new SimulationInputException($"unknown detail '{first}'. Details: {string.Join(", ", names)}.");
        }
    }

    public void CheckCondition(LessonCondition c)
    {
        int subjects = (c.Metric is null ? 0 : 1) + (c.Detail is null ? 0 : 1) + (c.Invariant is null ? 0 : 1)
            + (c.Node is null ? 0 : 1) + (c.Elapsed is null ? 0 : 1);
        if (subjects != 1)
        {
            throw new SimulationInputException("give exactly one of metric, detail, invariant, node or elapsed.");
        }
        if (c.Metric is { } metric)
        {
            if (!snapshot.Series.Any(s => s.Name == metric))
            {
                throw new SimulationInputException($"unknown metric '{metric}'. Metrics: {string.Join(", ", snapshot.Series.Select(s => s.Name))}.");
            }
            CheckNumberOp(c, LessonConditions.NumberOps);
        }
        else if (c.Detail is { } path)
        {
            CheckDetail(path);
            if (c.Is is not null)
            {
                if (c.Op is not null || c.Value is not null)
                {
                    throw new SimulationInputException("give either is, or op (with a value for a comparison).");
                }
            }
            else if (c.Op is "exists" or "missing" or "changed")
            {
                if (c.Value is not null)
                {
                    throw new SimulationInputException($"op '{c.Op}' takes no value.");
                }
            }
            else
            {
                CheckNumberOp(c, LessonConditions.DetailOps);
            }
        }
        else if (c.Invariant is { } invariant)
        {
            if (!snapshot.Invariants.Any(i => i.Id == invariant))
            {
                throw new SimulationInputException($"unknown invariant '{invariant}'. Invariants: {string.Join(", ", snapshot.Invariants.Select(i => i.Id))}.");
            }
            if (c.Holds is null)
            {
                throw new SimulationInputException("an invariant condition needs holds: true or false.");
            }
        }
        else if (c.Node is { } node)
        {
            CheckNode(node);
            if (c.State is null && c.Up is null)
            {
                throw new SimulationInputException("a node condition needs a state, up, or both.");
            }
        }
        else if (c.Elapsed is not { } elapsed || !double.IsFinite(elapsed) || elapsed <= 0 || elapsed > LessonLoader.MaxWaitSeconds)
        {
            throw new SimulationInputException($"elapsed must be more than 0 and at most {LessonLoader.MaxWaitSeconds:0} simulated seconds.");
        }
    }

    private static void CheckNumberOp(LessonCondition c, string[] ops)
    {
        if (c.Op is null || !ops.Contains(c.Op))
        {
            throw new SimulationInputException($"op must be one of {string.Join(" ", ops)}; got '{c.Op}'.");
        }
        if (c.Value is not { } value || !double.IsFinite(value))
        {
            throw new SimulationInputException($"op '{c.Op}' compares with a value, a number.");
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Components;
using PatternDashboard.Web.Components.Shared;
using PatternDashboard.Web.Sessions;

namespace PatternDashboard.Web.Components.Shared.Compare;

/// <summary>
/// The row of numbers that tells the two runs apart: each invariant (held, or broken how often) and each of the
/// pattern's metrics, side by side with the difference in words and numbers, so it reads without colour.
/// </summary>
public partial class ComparisonMetrics
{
    [Parameter, EditorRequired] public SessionState Without { get; set; } = default!;

    [Parameter, EditorRequired] public SessionState With { get; set; } = default!;

    internal sealed record Row(string Name, string Without, string With, string Difference, bool Differs);

    internal IEnumerable<Row> Rows
    {
        get
        {
            var with = With.Snapshot;
            double now = Without.Snapshot.SimulatedTime, otherNow = with.SimulatedTime;
            // One clock moves both; while they run, the side with the difference may be one update behind.
            bool apart = Math.Abs(otherNow - now) > 1e-6;
            yield return new Row("Simulated time", UiFormat.Seconds(now), UiFormat.Seconds(otherNow), apart ? Signed(otherNow - now) + " s" : "same", apart);
            foreach (var invariant in Without.Snapshot.Invariants)
            {
                var other = with.Invariants.FirstOrDefault(i => i.Id == invariant.Id);
                int a = invariant.Violations, b = other?.Violations ?? 0;
                yield return new Row(invariant.Description, Verdict(invariant.Holds, a), other is null ? "—" : Verdict(other.Holds, b),
                    a == b ? "same" : $"{Signed(b - a)} violations", a != b);
            }
            foreach (var (name, value) in Without.Snapshot.Metrics)
            {
                if (!with.Metrics.TryGetValue(name, out double other))
                {
                    continue;
                }
                double delta = other - value;
                bool differs = Math.Abs(delta) > 1e-9;
                yield return new Row(name, Number(value), Number(other), differs ? Signed(delta) : "same", differs);
            }
        }
    }

    private static string Verdict(bool holds, int violations) =>
        holds && violations == 0 ? "holds" : $"{(holds ? "holds now" : "VIOLATED")}, {violations}×";

    private static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Signed(double value) => (value > 0 ? "+" : "") + Number(value);
}

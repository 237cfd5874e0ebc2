using System.Globalization;
using PatternDashboard.Simulation.Kernel;
using PatternDashboard.Web.Sessions;
using static PatternDashboard.Web.Components.Shared.UiFormat;

namespace PatternDashboard.Web.Components.Shared;

// Messages in flight move in the browser, between updates, from their send and arrival times.
public partial class TopologyView
{
    // A message's flight as first drawn. A CSS animation's delay is fixed when it starts, so a message keeps the style
    // it got on its first update; a new epoch (the run paused, sped up or jumped) draws every message afresh.
    private readonly Dictionary<long, (double SentAt, string Style)> flights = [];
    private (SessionStatus Status, double Speed, int Generation) motionOf;
    private int epoch;

    /// <summary>Keys a message's element, so a new epoch restarts its animation from where the message is now.</summary>
    private (long, double, int) MessageKey(MessageView message) => (message.Id, message.SentAt, epoch);

    /// <summary>Updates the epoch and forgets messages that arrived; called once per snapshot.</summary>
    private void UpdateFlights()
    {
        var now = Session?.Current is { } state ? (state.Status, state.Speed, state.Generation) : (SessionStatus.Paused, 1, 0);
        if (now != motionOf)
        {
            motionOf = now;
            epoch++;
            flights.Clear();
        }
        else if (flights.Count > 0)
        {
            var inFlight = (Snapshot?.Messages ?? []).Select(m => m.Id).ToHashSet();
            foreach (var id in flights.Keys.Where(id => !inFlight.Contains(id)).ToList())
            {
                flights.Remove(id);
            }
        }
    }

    /// <summary>
    /// The CSS that flies a message from its sender to its receiver at the run's speed, starting as far along as it is
    /// now; null when it should stand still (paused, or no times known).
    /// </summary>
    private string? FlightStyle(MessageView message, (double X1, double Y1, double X2, double Y2) s)
    {
        if (motionOf.Status != SessionStatus.Running || message.ArrivesAt <= message.SentAt || Snapshot is null)
        {
            return null;
        }
        // A jump back in time may reuse a message's id for another sending: the send time tells them apart.
        if (!flights.TryGetValue(message.Id, out var known) || known.SentAt != message.SentAt)
        {
            // The hub refuses speeds under 0.01; the floor only guards the division.
            double speed = Math.Max(motionOf.Speed, 0.01);
            double flight = (message.ArrivesAt - message.SentAt) / speed;
            double flown = Math.Clamp(Snapshot.SimulatedTime - message.SentAt, 0, message.ArrivesAt - message.SentAt) / speed;
            string style = $"--x0:{Svg(s.X1)}px;--y0:{Svg(s.Y1)}px;--x1:{Svg(s.X2)}px;--y1:{Svg(s.Y2)}px;" +
                $"--flight:{flight.ToString("0.####", CultureInfo.InvariantCulture)}s;--flown:{(-flown).ToString("0.####", CultureInfo.InvariantCulture)}s";
            known = (message.SentAt, style);
            flights[message.Id] = known;
        }
        return known.Style;
    }
}

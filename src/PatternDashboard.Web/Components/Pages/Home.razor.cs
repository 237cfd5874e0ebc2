using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Pages;

/// <summary>The front page: one card per pattern that exists, each linking to its page.</summary>
public partial class Home
{
    [Inject] public required PatternRegistry Registry { get; init; }
}

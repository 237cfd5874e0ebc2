using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Kernel;

namespace PatternDashboard.Web.Components.Layout;

/// <summary>The side navigation: home, then every pattern of the registry.</summary>
public partial class NavMenu
{
    [Inject] public required PatternRegistry Registry { get; init; }
}

using Microsoft.AspNetCore.Components;
using PatternDashboard.Simulation.Patterns.Saga;

namespace PatternDashboard.Web.Components.Patterns.Saga;

/// <summary>Each service's own database in words (money taken and refunded, stock reserved and released, shipments), and the books over all of them.</summary>
public partial class SagaServiceTable
{
    /// <summary>For the table's accessible name. Required.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>The services of one style. Default: none.</summary>
    [Parameter] public IReadOnlyList<ServiceView> Services { get; set; } = [];

    /// <summary>The books of the style; null shows none.</summary>
    [Parameter] public Books? Books { get; set; }

    private bool Balanced => Books is { } b && b.MoneyTaken - b.MoneyRefunded == b.ShippedValue && b.StockReserved - b.StockReleased == b.StockShipped;

    private static string LocalState(ServiceView s) => s.Step switch
    {
        1 => $"{s.Applied} orders placed, {s.Undone} cancelled",
        2 => $"{s.Amount} taken, {s.AmountUndone} refunded",
        3 => $"{s.Items} items reserved, {s.ItemsUndone} released",
        _ => $"{s.Applied} shipments, {s.Items} items worth {s.Amount}",
    };
}

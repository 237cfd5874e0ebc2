// Browser tests run one at a time even if a test class forgets its [Collection]: a two-core machine cannot run
// several Chromium pages and the app at once without flaking.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PatternDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Every browser test belongs to this collection, so they share one app server and one browser:
/// <c>[Collection(EndToEndCollection.Name)]</c> on the class, and take the fixtures in its constructor.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<AppServerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "End to end";
}

using System.Net.WebSockets;
using PatternDashboard.EndToEnd.Tests.Infrastructure;
using PatternDashboard.Web.Hubs;

namespace PatternDashboard.EndToEnd.Tests.Hub;

/// <summary>The hub's WebSocket compresses for a client that offers it (browsers do), over the real server.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HubCompressionTests(AppServerFixture app)
{
    [Fact]
    public async Task Hub_AgreesToCompress_WhenTheClientOffers()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        var address = new UriBuilder(app.Url(SimulationHub.Path)) { Scheme = "ws" }.Uri;

        await socket.ConnectAsync(address, CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.True(socket.HttpResponseHeaders!.TryGetValue("Sec-WebSocket-Extensions", out var extensions), "The hub accepted no WebSocket extension.");
        Assert.Contains("permessage-deflate", string.Join(",", extensions));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task Hub_StaysPlain_ForAClientThatDoesNotOffer()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var address = new UriBuilder(app.Url(SimulationHub.Path)) { Scheme = "ws" }.Uri;

        await socket.ConnectAsync(address, CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.False(socket.HttpResponseHeaders!.ContainsKey("Sec-WebSocket-Extensions"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }
}

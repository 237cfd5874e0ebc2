using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;

namespace PatternDashboard.Web.Hosting;

/// <summary>
/// Compresses the hub's WebSockets (permessage-deflate) for every client that offers it, as browsers do. Consecutive
/// snapshots differ in a few numbers, and the compressor keeps the previous message as context, so a 3 to 9 KB
/// snapshot costs 100 to 200 bytes on the wire (docs/architecture.md has the comparison with deltas and MessagePack).
/// </summary>
/// <remarks>
/// Compression over TLS can leak a secret sent alongside data an attacker chooses (CRIME/BREACH). The hub's secrets are
/// the instructor keys, each sent only to the connection that owns it, and a student cannot put text of their own into
/// an instructor's stream; so the saving is taken. SignalR offers no setting for it, hence the wrapped feature.
/// </remarks>
public static class HubCompression
{
    /// <summary>Add before routing: the WebSocket feature is made here, so the hub's endpoint finds it ready.</summary>
    public static IApplicationBuilder UseHubCompression(this IApplicationBuilder app, PathString hubPath)
    {
        app.UseWebSockets();
        return app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(hubPath) && context.Features.Get<IHttpWebSocketFeature>() is { IsWebSocketRequest: true } plain)
            {
                context.Features.Set<IHttpWebSocketFeature>(new Compressed(plain));
            }
            return next(context);
        });
    }

    private sealed class Compressed(IHttpWebSocketFeature plain) : IHttpWebSocketFeature
    {
        public bool IsWebSocketRequest => plain.IsWebSocketRequest;

        public Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
        {
            context.DangerousEnableCompression = true;
            return plain.AcceptAsync(context);
        }
    }
}

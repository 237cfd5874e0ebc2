using PatternDashboard.Simulation.Network;

namespace PatternDashboard.Simulation.Patterns.ApiGateway;

/// <summary>A client's call to the API: a path and the bearer token it presents.</summary>
public sealed record ApiRequest(long RequestId, string Route, string Token) : IMessage
{
    public string Kind => "request";
}

/// <summary>The gateway's answer, with an HTTP status: 200, 206 (a partial summary), 401, 429, 502 or 504.</summary>
public sealed record ApiResponse(long RequestId, int Status, string Detail) : IMessage
{
    public string Kind => Status switch
    {
        200 => "response",
        206 => "partial",
        401 => "401",
        429 => "429",
        _ => "error",
    };
}

/// <summary>HTTP statuses as the gateway uses them.</summary>
public static class HttpStatus
{
    public const int Ok = 200;
    public const int Partial = 206;
    public const int Unauthorized = 401;
    public const int TooManyRequests = 429;
    public const int BadGateway = 502;
    public const int GatewayTimeout = 504;
}

namespace PatternDashboard.Web.Rooms;

/// <summary>Thrown when a viewer of a room (no instructor key) tries to change its simulation. The message is for people.</summary>
public sealed class RoomControlException(string message) : Exception(message)
{
    public static RoomControlException WatchOnly(string roomCode) => new(
        $"Room {roomCode} is controlled by its instructor; you are watching. Use \"Try it yourself\" (or CreateSession) to experiment on your own copy.");
}

using System.ComponentModel.DataAnnotations;

namespace PatternDashboard.Web.Rooms;

/// <summary>Limits of shared rooms, bound from the "Rooms" section of appsettings.json and checked at start.</summary>
public sealed class RoomLimits : IValidatableObject
{
    public const string SectionName = "Rooms";

    /// <summary>Rooms the whole server holds open at once. Each room is also one session. Default 50.</summary>
    [Range(1, 1_000)]
    public int MaxRooms { get; set; } = 50;

    /// <summary>Rooms one browser or hub connection may have created and still open. Default 3.</summary>
    [Range(1, 100)]
    public int MaxRoomsPerCreator { get; set; } = 3;

    /// <summary>Minutes a room nobody watches is kept before it closes. Default 60.</summary>
    [Range(1, 7 * 24 * 60)]
    public int IdleMinutes { get; set; } = 60;

    /// <summary>Hub connections that may hold control of one room at once (the instructor's scripts and tabs). Default 16.</summary>
    [Range(1, 1_000)]
    public int MaxControllersPerRoom { get; set; } = 16;

    public TimeSpan IdleExpiry => TimeSpan.FromMinutes(IdleMinutes);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRoomsPerCreator > MaxRooms)
        {
            yield return new ValidationResult(
                $"MaxRoomsPerCreator ({MaxRoomsPerCreator}) cannot exceed MaxRooms ({MaxRooms}).",
                [nameof(MaxRoomsPerCreator), nameof(MaxRooms)]);
        }
    }
}

using PatternDashboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPatternDashboard();

var app = builder.Build();
app.UsePatternDashboard();
app.Run();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;

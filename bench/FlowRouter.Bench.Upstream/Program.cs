using System.Net;
using FlowRouter.Bench.Upstream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// A deliberately dumb, fast OpenAI stand-in for the load harness (bench/run.sh). Usage: flowrouter-bench-upstream [PORT]
// (0 or nothing: a free port). Prints "listening on http://127.0.0.1:PORT" once it accepts connections.
int port = args.Length > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out int p) ? p : 0;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
// Logging off: a per-request log line here would be charged to the "direct" baseline and flatter the router.
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port); // 127.0.0.1 only: this is a local benchmark fixture
});
var app = builder.Build();
// No routing middleware: three fixed paths are dispatched by hand, so the fake spends nothing on endpoint matching.
app.Run(UpstreamHandler.HandleAsync);
await app.StartAsync().ConfigureAwait(false);

string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.Out.WriteLine("listening on " + address);
Console.Out.Flush();
await app.WaitForShutdownAsync().ConfigureAwait(false);

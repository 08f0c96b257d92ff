using BenchmarkDotNet.Running;

// Codec micro-benchmarks: what translating between OpenAI Chat and Anthropic Messages costs per streamed event,
// per whole response and per request, next to the passthrough path (scan + model rewrite). Run with bench/codecs.sh;
// any BenchmarkDotNet arguments pass through (e.g. --filter '*Stream*', --job short, --list flat).
BenchmarkSwitcher.FromAssembly(typeof(FlowRouter.Bench.Codecs.Fixtures).Assembly).Run(args);

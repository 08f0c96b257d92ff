-- wrk script for bench/run.sh: POST one small chat request and print machine-readable figures at the end.
-- BENCH_MODEL: the model to ask for ("fake/gpt-4o-mini" through the router, "gpt-4o-mini" direct).
-- BENCH_STREAM: "1" for a streamed request ("stream":true), anything else for a plain JSON answer.
local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"
local stream = os.getenv("BENCH_STREAM") == "1"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-key-not-secret"
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"Hello, world!"}]'
  .. (stream and ',"stream":true' or '') .. '}'

-- No response() callback on purpose: defining one makes wrk run Lua for every reply, which would slow the client.
-- Non-2xx replies still show up in summary.errors.status.
function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("BENCH requests=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end

-- wrk script for bench/run.sh: POST one small Anthropic Messages request to the router's /v1/messages and print the
-- same machine-readable figures as chat.lua. With model "fake/gpt-4o-mini" the router translates it to OpenAI Chat
-- for the fake upstream and translates the answer (JSON, or the 20-chunk stream) back to Anthropic Messages.
-- BENCH_MODEL: the model to ask for (default "fake/gpt-4o-mini").
-- BENCH_STREAM: "1" for a streamed request ("stream":true), anything else for a plain JSON answer.
local model = os.getenv("BENCH_MODEL") or "fake/gpt-4o-mini"
local stream = os.getenv("BENCH_STREAM") == "1"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = "bench-key-not-secret"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.body = '{"model":"' .. model .. '","max_tokens":256,"messages":[{"role":"user","content":"Hello, world!"}]'
  .. (stream and ',"stream":true' or '') .. '}'

-- No response() callback on purpose (see chat.lua); non-2xx replies show up in summary.errors.status.
function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("BENCH requests=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end

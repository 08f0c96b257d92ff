#!/usr/bin/env python3
"""Turns bench/run.sh's raw figures into the results table (stdout) and bench/RESULTS.md.

Usage: report.py RESULTS_TXT SUMMARY_TXT RESULTS_MD COMMAND DURATION WARMUP CLK_TCK
Anything in an existing RESULTS_MD below the HAND_WRITTEN marker (the analysis) is kept as it is.
"""
import datetime
import os
import platform
import subprocess
import sys

HAND_WRITTEN = "<!-- Everything below this line is written by hand; bench/run.sh keeps it. -->"

# The targets from the performance brief: (added latency at 1 connection, throughput share at 32, memory, start).
ADDED_P50_MS = 0.1
ADDED_P99_MS = 0.5
MIN_RPS_SHARE = 0.40
IDLE_RSS_MB = 40
PEAK_RSS_MB = 150
COLD_START_MS = 150


def parse_kv(line):
    return dict(part.split("=", 1) for part in line.split())


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    wrk_version = (wrk.stdout or wrk.stderr).splitlines()[0].split(" Copyright")[0]
    return [
        f"- nproc: {os.cpu_count()}; CPU: {cpu}",
        f"- memory: {mem_kb / 1024 / 1024:.1f} GiB; kernel: {platform.release()}",
        f"- dotnet SDK {dotnet}; {wrk_version}; Python {platform.python_version()}",
    ]


def mark(ok):
    return "met" if ok else "**missed**"


# Translation targets: what translating OpenAI Chat <-> Anthropic Messages may add over passthrough.
TRANSLATION_EVENT_US = 50
TRANSLATION_RESPONSE_MS = 0.3
STREAM_EVENTS = 20  # the fake's chat.completion.chunk events per streamed answer (role, 18 content, finish)


def translation_table(rows, ms, tick_us):
    """Anthropic client -> router -> OpenAI fake ("translated") against the OpenAI client passthrough ("router")."""
    if not any(key[2] == "translated" for key in rows):
        return [], []
    table = [
        "| scenario | conns | passthrough req/s | translated req/s | translated/passthrough | passthrough p50 "
        "| translated p50 | **added p50** | passthrough p99 | translated p99 | **added p99** | router CPU/req passthrough "
        "| router CPU/req translated | **added CPU/req** | errors (translated) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    targets = []
    for kind, label in (("json", "messages → chat, JSON"), ("stream", "messages → chat, stream 20 chunks")):
        for conns in (1, 32):
            p, t = rows.get((kind, conns, "router")), rows.get((kind, conns, "translated"))
            if p is None or t is None:
                continue
            share = float(t["rps"]) / float(p["rps"])
            added50 = ms(t, "p50_us") - ms(p, "p50_us")
            added99 = ms(t, "p99_us") - ms(p, "p99_us")
            cpu_p = int(p["router_cpu_ticks"]) * tick_us / max(int(p["requests"]), 1)
            cpu_t = int(t["router_cpu_ticks"]) * tick_us / max(int(t["requests"]), 1)
            errors = int(t["errors"]) + int(t["non2xx"])
            table.append(
                f"| {label} | {conns} | {float(p['rps']):,.0f} | {float(t['rps']):,.0f} | {share:.0%} "
                f"| {ms(p, 'p50_us'):.3f} ms | {ms(t, 'p50_us'):.3f} ms | **{added50:+.3f} ms** "
                f"| {ms(p, 'p99_us'):.3f} ms | {ms(t, 'p99_us'):.3f} ms | **{added99:+.3f} ms** "
                f"| {cpu_p:.0f} µs | {cpu_t:.0f} µs | **{cpu_t - cpu_p:+.0f} µs** | {errors} |")
            if conns != 1:
                continue
            if kind == "json":
                targets.append((f"translation, JSON, 1 connection: added p50 vs passthrough ≤ {TRANSLATION_RESPONSE_MS} ms per response",
                                f"{added50:+.3f} ms", added50 <= TRANSLATION_RESPONSE_MS))
            else:
                per_event = added50 * 1000 / STREAM_EVENTS
                targets.append((f"translation, stream, 1 connection: added p50 vs passthrough ÷ {STREAM_EVENTS} events ≤ {TRANSLATION_EVENT_US} µs per event",
                                f"{per_event:+.1f} µs", per_event <= TRANSLATION_EVENT_US))
    return table, targets


def combo_table(rows, ms, tick_us):
    """A combo whose first target rests ("combo") against naming the healthy target directly ("router") and direct."""
    if not any(key[2] == "combo" for key in rows):
        return [], []
    table = [
        "| scenario | conns | single target req/s | combo req/s | combo p50 | **added p50 vs single** | **added p50 vs direct** "
        "| combo p99 | **added p99 vs direct** | router CPU/req single | router CPU/req combo | errors (combo) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    targets = []
    for kind, label in (("json", "chat, JSON"), ("stream", "chat, stream 20 chunks")):
        for conns in (1, 32):
            r, c, d = rows.get((kind, conns, "router")), rows.get((kind, conns, "combo")), rows.get((kind, conns, "direct"))
            if r is None or c is None or d is None:
                continue
            vs_single = ms(c, "p50_us") - ms(r, "p50_us")
            vs_direct50 = ms(c, "p50_us") - ms(d, "p50_us")
            vs_direct99 = ms(c, "p99_us") - ms(d, "p99_us")
            cpu_r = int(r["router_cpu_ticks"]) * tick_us / max(int(r["requests"]), 1)
            cpu_c = int(c["router_cpu_ticks"]) * tick_us / max(int(c["requests"]), 1)
            table.append(
                f"| {label} | {conns} | {float(r['rps']):,.0f} | {float(c['rps']):,.0f} | {ms(c, 'p50_us'):.3f} ms "
                f"| **{vs_single:+.3f} ms** | **{vs_direct50:+.3f} ms** | {ms(c, 'p99_us'):.3f} ms | **{vs_direct99:+.3f} ms** "
                f"| {cpu_r:.0f} µs | {cpu_c:.0f} µs | {int(c['errors']) + int(c['non2xx'])} |")
            if conns == 1:
                targets.append((f"combo with a resting first target, {label}, 1 connection: added p50 vs direct ≤ {ADDED_P50_MS} ms",
                                f"{vs_direct50:+.3f} ms", vs_direct50 <= ADDED_P50_MS))
                targets.append((f"combo with a resting first target, {label}, 1 connection: added p99 vs direct ≤ {ADDED_P99_MS} ms",
                                f"{vs_direct99:+.3f} ms", vs_direct99 <= ADDED_P99_MS))
    return table, targets


def main():
    results_txt, summary_txt, results_md, command, duration, warmup, clk_tck = sys.argv[1:8]
    tick_us = 1e6 / int(clk_tck)
    rows = {}
    with open(results_txt, encoding="utf-8") as f:
        for line in f:
            r = parse_kv(line)
            rows[(r["kind"], int(r["conns"]), r["target"])] = r
    with open(summary_txt, encoding="utf-8") as f:
        summary = {}
        for line in f:
            summary.update(parse_kv(line))

    def ms(r, key):
        return int(r[key]) / 1000

    table = [
        "| scenario | conns | direct req/s | router req/s | router/direct | direct p50 | router p50 | **added p50** "
        "| direct p99 | router p99 | **added p99** | fake CPU/req (direct) | router CPU/req | errors (direct/router) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    targets = []
    for kind, label in (("json", "chat, JSON"), ("stream", "chat, stream 20 chunks")):
        for conns in (1, 32):
            d, r = rows[(kind, conns, "direct")], rows[(kind, conns, "router")]
            share = float(r["rps"]) / float(d["rps"])
            added50 = ms(r, "p50_us") - ms(d, "p50_us")
            added99 = ms(r, "p99_us") - ms(d, "p99_us")
            cpu_us = int(r["router_cpu_ticks"]) * tick_us / max(int(r["requests"]), 1)
            fake_us = int(d["upstream_cpu_ticks"]) * tick_us / max(int(d["requests"]), 1)
            errors = f"{int(d['errors']) + int(d['non2xx'])}/{int(r['errors']) + int(r['non2xx'])}"
            table.append(
                f"| {label} | {conns} | {float(d['rps']):,.0f} | {float(r['rps']):,.0f} | {share:.0%} "
                f"| {ms(d, 'p50_us'):.3f} ms | {ms(r, 'p50_us'):.3f} ms | **{added50:+.3f} ms** "
                f"| {ms(d, 'p99_us'):.3f} ms | {ms(r, 'p99_us'):.3f} ms | **{added99:+.3f} ms** "
                f"| {fake_us:.0f} µs | {cpu_us:.0f} µs | {errors} |")
            if conns == 1:
                targets.append((f"{label}, 1 connection: added p50 ≤ {ADDED_P50_MS} ms", f"{added50:+.3f} ms", added50 <= ADDED_P50_MS))
                targets.append((f"{label}, 1 connection: added p99 ≤ {ADDED_P99_MS} ms", f"{added99:+.3f} ms", added99 <= ADDED_P99_MS))
            else:
                targets.append((f"{label}, 32 connections: router req/s ≥ {MIN_RPS_SHARE:.0%} of direct", f"{share:.0%}", share >= MIN_RPS_SHARE))
    combo, combo_targets = combo_table(rows, ms, tick_us)
    targets += combo_targets
    translation, translation_targets = translation_table(rows, ms, tick_us)
    targets += translation_targets
    idle_mb = int(summary["idle_rss_kb"]) / 1024
    peak_mb = int(summary["peak_rss_kb"]) / 1024
    cold_ms = float(summary["median_ms"])
    targets.append((f"router idle RSS ≤ {IDLE_RSS_MB} MB", f"{idle_mb:.1f} MB", idle_mb <= IDLE_RSS_MB))
    targets.append((f"router peak RSS under load ≤ {PEAK_RSS_MB} MB", f"{peak_mb:.1f} MB", peak_mb <= PEAK_RSS_MB))
    targets.append((f"cold start (spawn → first 200), median of {summary['runs']} ≤ {COLD_START_MS} ms", f"{cold_ms:.1f} ms", cold_ms <= COLD_START_MS))

    memory = [
        f"- router RSS idle (1 s after start, before any request): **{idle_mb:.1f} MB**; peak under load (VmHWM): "
        f"**{peak_mb:.1f} MB**; after the load: {int(summary['after_rss_kb']) / 1024:.1f} MB",
        f"- cold start, spawn → first 200 from POST /v1/chat/completions, fresh data dir each run: median "
        f"**{cold_ms:.1f} ms** (min {float(summary['min_ms']):.1f}, max {float(summary['max_ms']):.1f}, {summary['runs']} runs)",
        f"- the router wrote {summary['log_lines']} log lines (default level `information`: one line per request) to a file",
    ]
    target_lines = ["| target | measured | |", "|---|---:|---|"] + [f"| {t} | {v} | {mark(ok)} |" for t, v, ok in targets]

    translation_doc = []
    if translation:
        translation_doc = [
            "## Translation (end to end)",
            "",
            "An Anthropic Messages client (`bench/messages.lua`, POST /v1/messages, model `fake/gpt-4o-mini`) through the",
            "router to the same OpenAI fake: the request is translated to OpenAI Chat and the answer (JSON, or the 20-chunk",
            "stream) back to Anthropic Messages. Compared with the OpenAI client's passthrough (\"router\" rows above), so",
            "added = translated − passthrough is what translation costs end to end. Per-event and per-response codec",
            "figures are in the hand-written \"Translation\" section below (`bench/codecs.sh`).",
            "",
            *translation,
            "",
        ]

    combo_doc = []
    if combo:
        combo_doc = [
            "## Routing through a combo with a resting first target",
            "",
            "`cooled` = [dead/gpt-4o-mini, fake/gpt-4o-mini]; nothing listens for `dead`, so after its first failure it",
            "rests (backoff, then one probe per rest) and requests walk past it to the fake: the cost of the routing",
            "decision, the rest check and the occasional probe, against naming the fake directly (\"router\" rows).",
            "",
            *combo,
            "",
        ]

    print("\n".join(table + [""] + combo + [""] + translation + [""] + memory + [""] + target_lines))

    kept = ""
    if os.path.exists(results_md):
        with open(results_md, encoding="utf-8") as f:
            text = f.read()
        if HAND_WRITTEN in text:
            kept = text[text.index(HAND_WRITTEN):]
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    doc = [
        "# FlowRouter end-to-end benchmark",
        "",
        "Generated by `bench/run.sh` (the tables; the analysis at the end is by hand). The router is the Native AOT",
        "binary at its default log level (one `information` line per request, written to a file), with SQLite request",
        "logging on; the upstream is `bench/FlowRouter.Bench.Upstream` (AOT, precomputed answers). Load is `wrk` with",
        "`bench/chat.lua`: \"direct\" asks the fake upstream itself, \"router\" asks it through FlowRouter. Everything",
        "runs on the same machine over 127.0.0.1, so the router, the fake and wrk share the CPUs.",
        "",
        f"- command: `{command}` (each measurement {duration} s after a {warmup} s warm-up)",
        f"- date: {date}",
        *machine(),
        "",
        "## Throughput and latency",
        "",
        "Added = router − direct. \"router CPU/req\" is the router process's user+system CPU time divided by the",
        "requests answered (from /proc/PID/stat); \"fake CPU/req\" is the same for the fake upstream in the direct run.",
        "The streamed request does not ask for `stream_options`, so the router",
        "adds `include_usage` upstream and drops the usage chunk again (its default path for such clients).",
        "",
        *table,
        "",
        *combo_doc,
        *translation_doc,
        "## Memory and start-up",
        "",
        *memory,
        "",
        "## Targets",
        "",
        *target_lines,
        "",
    ]
    with open(results_md, "w", encoding="utf-8") as f:
        f.write("\n".join(doc))
        if kept:
            f.write("\n" + kept)


if __name__ == "__main__":
    main()

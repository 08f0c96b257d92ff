#!/usr/bin/env python3
"""Request driver for bench/memory.sh: drives a running router and samples its RSS from /proc.

Usage: memory.py ROUTER_PID ROUTER_PORT MIXED_REQUESTS LARGE_REQUESTS IDLE_SECONDS[,IDLE_SECONDS...]
Phases: idle RSS; MIXED_REQUESTS small requests over 4 keep-alive connections, cycling OpenAI chat JSON, OpenAI chat
stream, and the same two as Anthropic Messages translated to the OpenAI fake; LARGE_REQUESTS 30 MB answers (model
"big-answer"), alternating passthrough and translated, two at a time; then RSS right after and each IDLE_SECONDS
(counted from the end of the large answers) later.
Prints one "MEMORY key=value ..." line (kB and counts) for memory.sh. Talks to 127.0.0.1 only.
"""
import http.client
import json
import sys
import threading
import time


def status_kb(pid, key):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


KINDS = [
    ("/v1/chat/completions", {"model": "fake/gpt-4o-mini", "messages": [{"role": "user", "content": "Hello, world!"}]}),
    ("/v1/chat/completions", {"model": "fake/gpt-4o-mini", "messages": [{"role": "user", "content": "Hello, world!"}], "stream": True}),
    ("/v1/messages", {"model": "fake/gpt-4o-mini", "max_tokens": 256, "messages": [{"role": "user", "content": "Hello, world!"}]}),
    ("/v1/messages", {"model": "fake/gpt-4o-mini", "max_tokens": 256, "messages": [{"role": "user", "content": "Hello, world!"}], "stream": True}),
]
LARGE = [
    ("/v1/chat/completions", {"model": "fake/big-answer", "messages": [{"role": "user", "content": "Big, please."}]}),
    ("/v1/messages", {"model": "fake/big-answer", "max_tokens": 256, "messages": [{"role": "user", "content": "Big, please."}]}),
]
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer bench-key-not-secret", "anthropic-version": "2023-06-01"}


def run(port, jobs, threads):
    """Sends jobs (path, body) over `threads` keep-alive connections; returns (ok, failed, bytes received)."""
    lock = threading.Lock()
    totals = {"ok": 0, "failed": 0, "bytes": 0}
    queue = list(enumerate(jobs))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if not queue:
                    break
                _, (path, body) = queue.pop()
            conn.request("POST", path, body=json.dumps(body), headers=HEADERS)
            response = conn.getresponse()
            data = response.read()
            with lock:
                totals["ok" if response.status == 200 else "failed"] += 1
                totals["bytes"] += len(data)
        conn.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return totals


def main():
    pid, port, mixed, large = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    idle = sorted(int(s) for s in sys.argv[5].split(","))
    figures = {"idle_kb": status_kb(pid, "VmRSS")}

    started = time.monotonic()
    small = run(port, [KINDS[i % len(KINDS)] for i in range(mixed)], threads=4)
    figures.update(mixed_s=round(time.monotonic() - started, 1), mixed_ok=small["ok"], mixed_failed=small["failed"])
    time.sleep(1)
    figures["after_mixed_kb"] = status_kb(pid, "VmRSS")
    figures["peak_mixed_kb"] = status_kb(pid, "VmHWM")

    big = run(port, [LARGE[i % len(LARGE)] for i in range(large)], threads=2)
    ended = time.monotonic()
    figures.update(large_ok=big["ok"], large_failed=big["failed"], large_mb=big["bytes"] // (1024 * 1024))
    time.sleep(1)
    figures["after_large_kb"] = status_kb(pid, "VmRSS")
    figures["peak_kb"] = status_kb(pid, "VmHWM")

    for seconds in idle:
        time.sleep(max(0.0, ended + seconds - time.monotonic()))
        figures[f"after_{seconds}s_kb"] = status_kb(pid, "VmRSS")
    print("MEMORY " + " ".join(f"{k}={v}" for k, v in figures.items()), flush=True)


if __name__ == "__main__":
    main()

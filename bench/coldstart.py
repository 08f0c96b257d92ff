#!/usr/bin/env python3
"""Cold start of the router: time from process spawn to the first 200 answer to POST /v1/chat/completions.

Usage: coldstart.py ROUTER_BINARY UPSTREAM_BASE_URL RUNS
Each run gets a fresh data dir and config (so the store is created and migrated from scratch), spawns the binary,
and polls 127.0.0.1 with a raw HTTP/1.1 request every ~1 ms until one answers 200. Prints one line per run and a
final "COLDSTART median_ms=… runs=…" line. Every process it starts is killed before it returns.
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

BODY = b'{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"Hello, world!"}]}'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int) -> bytes:
    head = (f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(BODY)}\r\nConnection: close\r\n\r\n").encode()
    return head + BODY


def try_once(port: int, payload: bytes) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(payload)
            first = s.recv(64)
            return first.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def one_run(binary: str, upstream: str) -> float:
    work = tempfile.mkdtemp(prefix="flowrouter-cold-")
    try:
        config = os.path.join(work, "config.yaml")
        with open(config, "w", encoding="utf-8") as f:
            f.write(f"providers:\n  - id: fake\n    type: openai\n    base_url: {upstream}\n"
                    "    models: [gpt-4o-mini]\n    api_key: bench-key-not-secret\n")
        port = free_port()
        payload = request(port)
        argv = [binary, "--config", config, "--data-dir", os.path.join(work, "data"), "--port", str(port)]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = start + 10
            while not try_once(port, payload):
                if proc.poll() is not None:
                    raise RuntimeError(f"router exited with code {proc.returncode} before answering")
                if time.perf_counter() > deadline:
                    raise RuntimeError("no 200 answer within 10 s")
                time.sleep(0.001)
            return (time.perf_counter() - start) * 1000
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    binary, upstream, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    times = []
    for i in range(runs):
        ms = one_run(binary, upstream)
        times.append(ms)
        print(f"cold start run {i + 1}: {ms:.1f} ms", flush=True)
    print(f"COLDSTART median_ms={statistics.median(times):.1f} min_ms={min(times):.1f} max_ms={max(times):.1f} runs={runs}")


if __name__ == "__main__":
    main()

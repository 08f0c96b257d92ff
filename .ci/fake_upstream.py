"""A tiny OpenAI-shaped fake upstream for the CI smoke test: replays recorded fixtures on 127.0.0.1."""
import json
import pathlib
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIXTURES = pathlib.Path(sys.argv[1])
TEXT = (FIXTURES / "text-basic.response.json").read_bytes()
STREAM = (FIXTURES / "stream-text-usage.response.sse").read_bytes()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = json.dumps({"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "owned_by": "fake"}]}).encode()
        self._send(200, "application/json", body)

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        if request.get("stream"):
            self._send(200, "text/event-stream", STREAM)
        else:
            self._send(200, "application/json", TEXT)

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
pathlib.Path(sys.argv[2]).write_text(str(server.server_address[1]))
server.serve_forever()

#!/usr/bin/env python3
"""bench/soak's alert endpoint: accepts the agents' webhook POSTs and appends each to a file.

Usage: soak-receiver.py PORT FILE. One JSON line per request: the path, the message id
(Idempotency-Key, the same on every retry), the node and the events' kind, link, state and
reason. The driver stops it (SIGTERM by PID) for a minute and starts it again; the file is
appended to, so the deliveries of both runs are in it.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            msg = json.loads(body)
            rec = {"path": self.path, "id": self.headers.get("Idempotency-Key", ""), "node": msg.get("node", ""),
                   "events": [{k: e.get(k, "") for k in ("kind", "link", "state", "reason")}
                              for e in msg.get("events", [])]}
        except ValueError as e:
            rec = {"path": self.path, "error": str(e)}
        with open(sys.argv[2], "a") as f:
            f.write(json.dumps(rec) + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("0.0.0.0", int(sys.argv[1])), Handler).serve_forever()

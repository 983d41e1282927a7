# Test server for FailoverIT: answers every GET with the client's address, so the
# client can tell which path served it (the tunnel: the client's own address; the
# proxy: the proxy's). Bounded: exits after the given number of seconds.
import http.server, socketserver, sys, threading

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.client_address[0].encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

srv = Server((sys.argv[1], int(sys.argv[2])), Handler)
threading.Timer(float(sys.argv[3]), srv.shutdown).start()
srv.serve_forever()

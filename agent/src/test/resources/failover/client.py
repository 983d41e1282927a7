# Test client for FailoverIT: one request every interval, each on a new connection
# with a short timeout; prints "epoch_ms OK served_by" or "epoch_ms FAIL reason".
# Bounded in time and count.
import socket, sys, time

host, port, interval, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
timeout = float(sys.argv[5]) if len(sys.argv) > 5 else 0.5
end = time.time() + seconds
while time.time() < end:
    t = time.time()
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        print("%d OK %s" % (t * 1000, data.split(b"\r\n\r\n", 1)[1].decode()), flush=True)
    except Exception as e:
        print("%d FAIL %s" % (t * 1000, type(e).__name__), flush=True)
    time.sleep(max(0, interval - (time.time() - t)))

#!/usr/bin/env python3
"""Stands in for systemd's notification socket: binds an AF_UNIX datagram
socket at argv[1] and appends each datagram to argv[2] as one line,
"<CLOCK_MONOTONIC ns> <message with newlines as |>". Runs until killed
or for at most argv[3] seconds."""
import os, socket, sys, time

path, out, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
if os.path.exists(path):
    os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
s.settimeout(0.5)
end = time.monotonic() + limit
with open(out, "a", buffering=1) as f:
    f.write("%d LISTENING\n" % time.monotonic_ns())
    while time.monotonic() < end:
        try:
            data = s.recv(4096)
        except socket.timeout:
            continue
        f.write("%d %s\n" % (time.monotonic_ns(), data.decode("utf-8", "replace").replace("\n", "|")))
os.unlink(path)

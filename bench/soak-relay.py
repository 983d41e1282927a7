#!/usr/bin/env python3
"""bench/soak's link emulator: one process relays the packets of all the soak's links.

Each link is a pair of TUN interfaces (IFF_TUN | IFF_NO_PI) created here in the root
namespace and then moved by the driver into site A and site B (a TUN's file descriptor
keeps working after its interface moves). A packet read from one side is written to the
other unchanged (no TTL decrement: BFD single hop, RFC 5881 §5, still sees TTL 255),
unless the link's impairment drops it. The kernel here has no netem, tc classifiers or
iptables, so cuts, loss and path-MTU black holes are done in this relay.

Usage: soak-relay.py SEED NAME_A0 NAME_B0 [NAME_A1 NAME_B1 ...]
Prints "ready" when every TUN exists. Then reads commands on stdin, one a line:
  set LINK CUT LOSS MTU   CUT 0|1 (drop all), LOSS drop probability 0..1, MTU drop IP packets
                          longer than this (0: off; a black hole: no Packet Too Big is sent)
  stats                   one JSON line: per link [forwarded, dropped]
and answers "ok" (or "err ..."). Exits at EOF on stdin, so the driver dying removes the links.
"""
import fcntl
import json
import os
import random
import select
import struct
import sys

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main():
    rng = random.Random(int(sys.argv[1]))
    names = sys.argv[2:]
    links = len(names) // 2
    out = {}  # fd -> (link, fd to write to)
    for i in range(links):
        a = open_tun(names[2 * i])
        b = open_tun(names[2 * i + 1])
        out[a] = (i, b)
        out[b] = (i, a)
    state = [[False, 0.0, 0] for _ in range(links)]
    forwarded = [0] * links
    dropped = [0] * links
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))  # keep BFD's 100 ms beat under load
    except (OSError, AttributeError):
        pass
    poll = select.poll()
    for fd in out:
        poll.register(fd, select.POLLIN)
    poll.register(0, select.POLLIN)
    print("ready", flush=True)
    pending = b""
    while True:
        for fd, _ in poll.poll(1000):
            if fd == 0:
                chunk = os.read(0, 4096)
                if not chunk:
                    return
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    print(command(line.decode().split(), state, forwarded, dropped), flush=True)
                continue
            link, peer = out[fd]
            for _ in range(64):  # bounded: other links get their turn
                try:
                    pkt = os.read(fd, 65536)
                except BlockingIOError:
                    break
                cut, loss, mtu = state[link]
                if cut or (loss > 0 and rng.random() < loss) or (mtu > 0 and len(pkt) > mtu):
                    dropped[link] += 1
                    continue
                try:
                    os.write(peer, pkt)
                    forwarded[link] += 1
                except OSError:  # the other side is down or its queue is full: a loss, as on a wire
                    dropped[link] += 1


def command(words, state, forwarded, dropped):
    try:
        if words[0] == "set" and len(words) == 5:
            state[int(words[1])] = [words[2] == "1", float(words[3]), int(words[4])]
            return "ok"
        if words[0] == "stats":
            return "ok " + json.dumps([[f, d] for f, d in zip(forwarded, dropped)])
        return "err unknown command"
    except (ValueError, IndexError) as e:
        return "err " + str(e)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""bench/soak's driver: two agents, N links, a seeded chaos schedule, then the invariants.

Topology (namespaces made by bench/soak):
  site A  --l0..lN-1 (TUN pairs through soak-relay.py)--  site B
     \\ wan0 198.18.2.1/30 -- C 198.18.2.2 (proxy) -- 198.18.2.6/30 wan0 //
The alert endpoint (soak-receiver.py) listens on 127.0.0.1 in each site.
Link i: A 198.18.1.(4i+1), B 198.18.1.(4i+2). A routes 198.19.i.0/24 to B, B routes
198.19.(100+i).0/24 to A: via the link (path "tunnel") or via C (path "proxy").
Prints progress, one line per breach ("BREACH <invariant>: ...") and a last line
"soak: PASS ..." or "soak: FAIL ...". Exit 0 only on PASS.
"""
import argparse
import collections
import ctypes
import heapq
import json
import os
import random
import re
import signal
import subprocess
import sys
import time

def _die_with_parent():
    """preexec_fn: the child gets SIGTERM when the driver dies, however it dies (PR_SET_PDEATHSIG
    survives the exec of ip netns exec, which execs in turn), so no agent, relay or receiver
    outlives a killed run holding bench/soak's output pipe open."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


HERE = os.path.dirname(os.path.abspath(__file__))
PORT = 18784
RX_PORT = 18999
PMTU_LINKS = (2, 9, 15)      # links with a pmtu probe (the only ones that get path-MTU drops)
DAMPENED_LINKS = (3, 11)     # links with RFC 2439 dampening on (short half-life, so it ends in the settle time)
HOOK_LINK = 7                # site A's link whose backup path runs a hook that hangs
MTU_DROP = 1200              # during an MTU event the relay drops IP packets above this (no PTB: a black hole)
# JDK threads that come and go by design (idle pool workers time out, compiler threads are added
# and removed on demand): fewer of them at the end is not a dead thread. Names as /proc shows them:
# at most 15 characters, digits stripped here ("C2 CompilerThread0" -> "C CompilerThre").
# A link's failover-lNN thread is its action executor's worker: made at its first action, and
# replaced when a reload restarts the link's supervisor (which the soak's reloads do).
TRANSIENT = re.compile(r"^(ForkJoinPool.*|process reaper|pool-.*|C CompilerThre.*|Attach Listener|HttpClient.*"
                       r"|Thread-|JFR.*|RMI.*|Timer-|failover-l)$")


def sh(*argv, timeout=30, check=True):
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {r.returncode}: {r.stderr.strip()}")
    return r.stdout


def ip_batch(ns, lines):
    argv = ["ip", "-batch", "-"] if ns is None else ["ip", "-n", ns, "-batch", "-"]
    r = subprocess.run(argv, input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"ip batch in {ns}: {r.stderr.strip()}")


def addr(i, side):
    return f"198.18.1.{4 * i + (1 if side == 'a' else 2)}"


class Agent:
    """One agent process in a namespace, its config file and what was sampled from it."""

    def __init__(self, site, ns, d, java, links):
        self.site, self.ns, self.dir, self.java, self.links = site, ns, d, java, links
        self.cfg = os.path.join(d, "linkguard.yml")
        self.log = os.path.join(d, "agent.log")
        self.proc = None
        self.icmp = {i: "200ms" for i in range(links)}
        self.failback = {i: "3s" for i in range(links)}
        self.rss, self.fds = [], []  # (seconds since start, value)
        self.transitions = {}        # (link, at, from, to) -> (reason, detail), from /status samples
        self.threads_early = None

    def config(self, comment, peer_site):
        other = "b" if self.site == "a" else "a"
        lines = [f"# soak {comment}", "agent:", f"  listen: 127.0.0.1:{PORT}", f"  node: site-{self.site}",
                 f"  state_directory: {self.dir}/state", "alerts:", "  group_window: 2s", "  channels:",
                 f"    - {{name: noc, type: webhook, url_file: {self.dir}/url, secret_file: {self.dir}/secret,",
                 "       rate_limit: 20/s, burst: 20, retry_max: 10s}", "links:"]
        for i in range(self.links):
            base = 0 if self.site == "a" else 100
            lines += [f"  - name: l{i:02d}", f"    peer: {addr(i, other)}", f"    source: {addr(i, self.site)}",
                      f"    interface: l{i}", "    probes:", "      - {type: bfd, interval: 100ms, multiplier: 3}",
                      f"      - {{type: icmp, interval: {self.icmp[i]}, timeout: 500ms, window: 20}}"]
            if i in PMTU_LINKS:
                lines.append("      - {type: pmtu, expected: 1400, max: 1400, interval: 20s, check_interval: 5s,"
                             " timeout: 200ms, max_probes: 20}")
            damp = ("{penalty: 1000, half_life: 2s, suppress: 2000, reuse: 750, max_suppress: 8s}"
                    if i in DAMPENED_LINKS else "{penalty: 0}")
            lines += ["    health:", "      window: 2s", "      min_samples: 3", "      min_time_in_state: 1s",
                      f"      failback_delay: {self.failback[i]}", f"      dampening: {damp}", "    paths:",
                      "      - name: tunnel", "        actions:",
                      f"          - {{type: route, prefixes: [198.19.{base + i}.0/24], via: {addr(i, other)},"
                      f" dev: l{i}}}",
                      "      - name: proxy", "        actions:",
                      f"          - {{type: route, prefixes: [198.19.{base + i}.0/24], via: {peer_site}, dev: wan0}}"]
            if self.site == "a" and i == HOOK_LINK:
                lines.append(f"          - {{type: exec, argv: [/bin/sleep, \"{hang_arg()}\"], timeout: 1s}}")
        return "\n".join(lines) + "\n"

    def write(self, text):
        tmp = self.cfg + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, self.cfg)

    def start(self, pids_file):
        out = open(self.log, "a")
        java = self.java.split()
        # A GC log (a line per collection) to read the RSS figures by; it does not change the heap.
        java.insert(java.index("--enable-native-access=ALL-UNNAMED"), f"-Xlog:gc:file={self.dir}/gc.log")
        if os.environ.get("SOAK_NMT") == "1":  # diagnosis: native memory tracking, dumped by nmt()
            java.insert(java.index("--enable-native-access=ALL-UNNAMED"), "-XX:NativeMemoryTracking=summary")
        self.proc = subprocess.Popen(["ip", "netns", "exec", self.ns] + java + ["run", "--config", self.cfg], stdout=out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=dict(os.environ, TZ="UTC"),
                                     preexec_fn=_die_with_parent)
        with open(pids_file, "a") as f:
            f.write(f"{self.proc.pid}\n")
        self.started = time.monotonic()

    def get(self, path):
        r = subprocess.run(["ip", "netns", "exec", self.ns, "curl", "-sf", "--max-time", "5",
                            f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, timeout=15)
        if r.returncode != 0:
            raise RuntimeError(f"site {self.site}: GET {path} failed (curl exit {r.returncode})")
        return r.stdout

    def status(self):
        return json.loads(self.get("/status"))

    def metrics(self):
        m = {}
        for line in self.get("/metrics").splitlines():
            if line and not line.startswith("#"):
                k, _, v = line.rpartition(" ")
                try:
                    m[k] = float(v)
                except ValueError:
                    pass
        return m

    def proc_status(self, key):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return -1

    def sample(self):
        t = time.monotonic() - self.started
        self.rss.append((t, self.proc_status("VmRSS")))
        # The least of 5 reads 0.1 s apart: a route action's or hook's pipes live for a fraction of a
        # second, and the invariant is about descriptors that stay (a leak), not those in flight.
        fds = []
        for k in range(5):
            fds.append(len(os.listdir(f"/proc/{self.proc.pid}/fd")))
            time.sleep(0.1 if k < 4 else 0)
        self.fds.append((t, min(fds)))
        for ln in self.status()["links"]:
            for tr in ln["transitions"]:
                self.transitions[(ln["link"], tr["at"], tr["from"], tr["to"])] = (tr["reason"], tr["detail"])

    def nmt(self, label):
        """With SOAK_NMT=1: the JVM's native memory summary and heap, to a file per label."""
        if os.environ.get("SOAK_NMT") != "1":
            return
        jcmd = os.path.join(os.path.dirname(next(w for w in self.java.split() if w.endswith("/java"))), "jcmd")
        with open(os.path.join(self.dir, f"nmt-{label}.txt"), "w") as f:
            for what in ("VM.native_memory summary", "GC.heap_info", "VM.metaspace", "GC.class_histogram"):
                r = subprocess.run([jcmd, str(self.proc.pid)] + what.split(), capture_output=True, text=True,
                                   timeout=60)
                f.write(f"== {what}\n{r.stdout}{r.stderr}\n")

    def thread_names(self):
        """The agent's thread names (comm), each with how many threads have it."""
        names = collections.Counter()
        task = f"/proc/{self.proc.pid}/task"
        for tid in os.listdir(task):
            try:
                with open(f"{task}/{tid}/comm") as f:
                    names[f.read().strip()] += 1
            except OSError:
                pass  # the thread ended while we looked
        return names

    def log_events(self):
        """From the agent's journal: health transitions and traffic switches, as the alert reasons say them."""
        tr, sw = [], []
        with open(self.log, errors="replace") as f:
            for line in f:
                m = re.search(r"link (l\d+): (unknown|up|degraded|down) -> (unknown|up|degraded|down): (.*)$", line)
                if m:
                    tr.append((m[1], m[2], m[3], m[4].strip()))
                    continue
                m = re.search(r"link (l\d+): traffic (\S+) -> (\S+): (.*)$", line)
                if m:
                    sw.append((m[1], m[2], m[3], m[4].strip()))
        return tr, sw


_HANG = None


def strip(name):
    return re.sub(r"[0-9]+", "", name)


def base_names(names):
    out = collections.Counter()
    for k, v in names.items():
        out[strip(k)] += v
    return out


def hang_arg():
    """The hook's sleep argument, unique to this run (sleep takes fractions): found in /proc if left behind."""
    return _HANG


class Soak:
    def __init__(self, a):
        global _HANG
        self.a = a
        _HANG = f"1799.{os.getpid()}"
        self.rng = random.Random(a.seed)
        self.out = a.out
        self.breaches = []
        self.events = []  # heap of (t, seq, fn, args)
        self.seq = 0
        self.counts = collections.Counter()
        self.impaired = {}  # link -> time its impairment ends
        self.final_cut = set()
        self.rx = None
        self.pids = os.path.join(a.out, "pids")

    def breach(self, what, msg):
        line = f"BREACH {what}: {msg}"
        print(line, flush=True)
        self.breaches.append(line)

    def at(self, t, fn, *args):
        self.seq += 1
        heapq.heappush(self.events, (t, self.seq, fn, args))

    # ---- topology -------------------------------------------------------------------------------
    def build(self):
        a, n = self.a, self.a.links
        names = []
        for i in range(n):
            names += [f"{a.tag}{i}a", f"{a.tag}{i}b"]
        self.relay = subprocess.Popen([sys.executable, os.path.join(HERE, "soak-relay.py"), str(a.seed)] + names,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
                                      stderr=open(os.path.join(a.out, "relay.err"), "a"),
                                      preexec_fn=_die_with_parent)
        with open(self.pids, "a") as f:
            f.write(f"{self.relay.pid}\n")
        if self.relay.stdout.readline().strip() != "ready":
            raise RuntimeError("relay did not start")
        ip_batch(None, [f"link set {a.tag}{i}{s} netns {a.ns_a if s == 'a' else a.ns_b}"
                        for i in range(n) for s in "ab"]
                 + [f"link add {a.tag}wa netns {a.ns_a} type veth peer name {a.tag}ca netns {a.ns_c}",
                    f"link add {a.tag}wb netns {a.ns_b} type veth peer name {a.tag}cb netns {a.ns_c}"])
        for ns, s, other, base, wan, c in ((a.ns_a, "a", "b", 0, "198.18.2.1", "198.18.2.2"),
                                          (a.ns_b, "b", "a", 100, "198.18.2.5", "198.18.2.6")):
            cmds = [f"link set {a.tag}w{s} name wan0", f"addr add {wan}/30 dev wan0", "link set wan0 up"]
            for i in range(n):
                cmds += [f"link set {a.tag}{i}{s} name l{i}", f"addr add {addr(i, s)} peer {addr(i, other)} dev l{i}",
                         f"link set l{i} up", f"route add 198.19.{base + i}.0/24 via {addr(i, other)} dev l{i}"]
            ip_batch(ns, cmds)
        ip_batch(a.ns_c, [f"addr add 198.18.2.2/30 dev {a.tag}ca", f"link set {a.tag}ca up",
                          f"addr add 198.18.2.6/30 dev {a.tag}cb", f"link set {a.tag}cb up"])
        self.sites = {}
        for s, ns, c in (("a", a.ns_a, "198.18.2.2"), ("b", a.ns_b, "198.18.2.6")):
            d = os.path.join(self.out, f"site-{s}")
            os.makedirs(os.path.join(d, "state"), exist_ok=True)
            with open(os.path.join(d, "url"), "w") as f:
                # The endpoint listens in the site's own namespace: the agent refuses an http:// URL
                # that carries a token unless it is to loopback (config TokenUrls).
                f.write(f"http://127.0.0.1:{RX_PORT}/{s}\n")
            with open(os.path.join(d, "secret"), "w") as f:
                f.write("soak-secret\n")
            os.chmod(os.path.join(d, "secret"), 0o600)
            os.chmod(os.path.join(d, "url"), 0o600)  # the agent refuses a url_file others may read
            ag = Agent(s, ns, d, a.java, n)
            ag.proxy = c
            ag.write(ag.config("start", c))
            self.sites[s] = ag
        self.rx_file = os.path.join(self.out, "received.jsonl")
        self.receiver(True)

    def relay_set(self, i, cut=False, loss=0.0, mtu=0):
        self.relay.stdin.write(f"set {i} {1 if cut else 0} {loss} {mtu}\n")
        self.relay.stdin.flush()
        if not self.relay.stdout.readline().startswith("ok"):
            raise RuntimeError("relay refused a command")

    def receiver(self, up):
        if up:
            # One per site, on its loopback, appending to the same file.
            # Output to a file, not to the driver's stdout: bench/soak tees that, and a receiver left
            # holding it would keep tee, and so bench/soak, waiting for ever.
            with open(os.path.join(self.a.out, "receiver.log"), "a") as log:
                self.rx = [subprocess.Popen(["ip", "netns", "exec", ns, sys.executable,
                                             os.path.join(HERE, "soak-receiver.py"), str(RX_PORT), self.rx_file],
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            preexec_fn=_die_with_parent)
                           for ns in (self.a.ns_a, self.a.ns_b)]
            with open(self.pids, "a") as f:
                f.write("".join(f"{p.pid}\n" for p in self.rx))
            print(f"[{self.now():6.1f}s] alert endpoint up", flush=True)
        else:
            for p in self.rx:
                p.terminate()
            for p in self.rx:
                p.wait(10)
            print(f"[{self.now():6.1f}s] alert endpoint down", flush=True)

    def now(self):
        return time.monotonic() - self.t0

    # ---- chaos ----------------------------------------------------------------------------------
    def impair(self):
        """Every few seconds: a free link gets a cut, a flap, 30 % loss or a path-MTU drop."""
        t, quiet = self.now(), self.quiet_at
        self.at(t + self.rng.uniform(*((1.0, 2.0) if self.a.quick else (1.5, 3.5))), self.impair)
        free = [i for i in range(self.a.links) if self.impaired.get(i, 0) <= t]
        if not free or t >= quiet - 3:
            return
        i = self.rng.choice(free)
        kind = self.rng.choices(["cut", "flap", "loss", "mtu"], [3, 2.5, 3, 1.5])[0]
        if kind == "mtu" and i not in PMTU_LINKS:
            pm = [p for p in PMTU_LINKS if p in free]
            if pm:
                i = self.rng.choice(pm)
            else:
                kind = "loss"
        span = {"cut": (3, 12), "flap": (8, 20), "loss": (8, 25), "mtu": (15, 40)}[kind]
        end = min(t + self.rng.uniform(*span), quiet)
        self.impaired[i] = end
        self.counts[kind] += 1
        if kind == "cut":
            self.relay_set(i, cut=True)
        elif kind == "loss":
            self.relay_set(i, loss=0.3)
        elif kind == "mtu":
            self.relay_set(i, mtu=MTU_DROP)
        else:
            self.flap(i, True, end)
            return
        self.at(end, self.clear, i)

    def flap(self, i, cut, end):
        if self.now() >= end:
            if i not in self.final_cut:
                self.relay_set(i)
            return
        self.relay_set(i, cut=cut)
        self.counts["flap_toggles"] += 1
        self.at(self.now() + self.rng.uniform(0.5, 3.0), self.flap, i, not cut, end)

    def clear(self, i):
        if i not in self.final_cut:
            self.relay_set(i)

    def quiet(self):
        """Impairments stop; the final set of links is cut for good: the ground truth."""
        self.final_cut = set(self.rng.sample(range(self.a.links), 3))
        for i in range(self.a.links):
            self.relay_set(i, cut=i in self.final_cut)
        print(f"[{self.now():6.1f}s] quiet: impairments stopped; final cut links "
              f"{sorted(f'l{i:02d}' for i in self.final_cut)}", flush=True)

    def reload(self):
        self.at(self.now() + 15, self.reload)
        if self.now() >= self.end_at - 5:
            return
        self.counts["reloads"] += 1
        n = self.counts["reloads"]
        ag = self.sites["a" if n % 2 else "b"]
        invalid = n % (2 if self.a.quick else 4) == 0
        if invalid:
            self.counts["reloads_invalid"] += 1
            good = ag.config(f"reload {n}", ag.proxy)
            bad = (good.replace("multiplier: 3}", "multiplier: 3, intervall: 5ms}", 1) if n % 8
                   else good.replace("links:\n", "links: [\n", 1))
            ag.write(bad)
        else:
            if self.now() < self.quiet_at:
                # A real change on one link: its ICMP interval (the probe restarts) or, every other
                # time, its failback delay (its health and paths restart: a new supervisor).
                i = self.rng.randrange(self.a.links)
                if n % 4 == 1:
                    ag.icmp[i] = "250ms" if ag.icmp[i] == "200ms" else "200ms"
                else:
                    ag.failback[i] = "4s" if ag.failback[i] == "3s" else "3s"
            ag.write(ag.config(f"reload {n}", ag.proxy))
        os.kill(ag.proc.pid, 1)
        self.at(self.now() + 4, self.check_reload, ag, n, invalid)

    def check_reload(self, ag, n, invalid):
        if ag.proc.poll() is not None:
            self.breach("thread", f"site {ag.site} exited ({ag.proc.returncode}) after reload {n}")
            return
        v = ag.metrics().get("linkguard_config_last_reload_successful")
        want = 0.0 if invalid else 1.0
        if v != want:
            self.breach("reload", f"site {ag.site} reload {n} ({'invalid' if invalid else 'valid'} file): "
                                  f"linkguard_config_last_reload_successful={v}, want {want:.0f}")

    def sample(self):
        self.at(self.now() + 10, self.sample)
        for ag in self.sites.values():
            if ag.proc.poll() is not None:
                raise RuntimeError(f"site {ag.site} agent exited with {ag.proc.returncode}")
            ag.sample()
            if ag.threads_early is None and time.monotonic() - ag.started >= self.threads_after:
                ag.threads_early = ag.thread_names()
                ag.nmt("early")
                print(f"[{self.now():6.1f}s] site {ag.site}: {sum(ag.threads_early.values())} threads: "
                      f"{', '.join(f'{k} x{v}' for k, v in sorted(base_names(ag.threads_early).items()))}",
                      flush=True)

    # ---- run ------------------------------------------------------------------------------------
    def run(self):
        a = self.a
        self.t0 = time.monotonic()
        self.build()
        for ag in self.sites.values():
            ag.start(self.pids)
        deadline = time.monotonic() + 90
        while True:  # bounded: every link Up in both agents, or 90 s
            try:
                ups = sum(ln["state"] == "up" for ag in self.sites.values() for ln in ag.status()["links"])
            except (RuntimeError, ValueError):
                ups = 0
            if ups == 2 * a.links:
                break
            for ag in self.sites.values():
                if ag.proc.poll() is not None:
                    raise RuntimeError(f"site {ag.site} agent exited with {ag.proc.returncode} at start")
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {ups}/{2 * a.links} links Up after 90 s")
            time.sleep(0.5)
        self.t0 = time.monotonic()
        settle = 35 if a.quick else 45
        self.end_at = a.duration
        self.quiet_at = a.duration - settle
        self.threads_after = 20 if a.quick else 60
        print(f"[{self.now():6.1f}s] all {2 * a.links} links Up; chaos for {self.quiet_at} s, then {settle} s quiet",
              flush=True)
        # The endpoint is down from minute 2 to minute 3 (quick: 10 s to 25 s; shorter diagnosis runs:
        # from a quarter of the chaos time, for a quarter of it), always back before the quiet time.
        out_at, out_for = (10, 15) if a.quick else (min(120, self.quiet_at // 4), min(60, self.quiet_at // 4))
        self.at(0, self.sample)
        self.at(2, self.impair)
        self.at(15, self.reload)
        self.at(out_at, self.receiver, False)
        self.at(out_at + out_for, self.receiver, True)
        self.at(self.quiet_at, self.quiet)
        while self.events and self.now() < self.end_at:  # bounded by end_at
            t, _, fn, args = self.events[0]
            if t > self.now():
                time.sleep(min(t - self.now(), 0.2))
                continue
            heapq.heappop(self.events)
            fn(*args)
        self.counts["outage_s"] = out_for
        return self.check()

    # ---- invariants -----------------------------------------------------------------------------
    def check(self):
        a = self.a
        sites = self.sites
        for ag in sites.values():
            ag.sample()
            ag.nmt("end")
        # Final state == ground truth (a bounded grace of 20 s for a last failback delay).
        for attempt in range(41):
            wrong = self.truth_mismatches()
            if not wrong or attempt == 40:
                break
            time.sleep(0.5)
        for w in wrong:
            self.breach("ground-truth", w)
        # Alerts: wait (bounded, 30 s) for the queues to drain.
        for _ in range(60):
            st = {s: ag.status()["alert_channels"] for s, ag in sites.items()}
            if all(c["queue_depth"] == 0 for cs in st.values() for c in cs):
                break
            time.sleep(0.5)
        time.sleep(1)  # the receiver appends after it answers
        rx = self.received()
        hooks_left = self.hang_hooks()
        summary = collections.Counter()
        for s, ag in sites.items():
            m = ag.metrics()
            ie = {k: v for k, v in m.items() if k.startswith("linkguard_internal_errors_total")}
            if not ie:
                if os.environ.get("SOAK_SKIP_INTERNAL_ERRORS") == "1":
                    print(f"site {s}: linkguard_internal_errors_total absent (SOAK_SKIP_INTERNAL_ERRORS=1: not checked)")
                else:
                    self.breach("internal-errors", f"site {s}: no linkguard_internal_errors_total family in /metrics")
            for k, v in ie.items():
                if v != 0:
                    self.breach("internal-errors", f"site {s}: {k} = {v:g}")
            late = ag.thread_names()
            if ag.threads_early is None:
                self.breach("threads", f"site {s}: no thread sample was taken")
            else:
                # Per base name (digits stripped), fewer threads at the end than at minute 1 is a thread
                # gone: 20 failover-lNN threads must still be 20. The names missing say which.
                early, now = base_names(ag.threads_early), base_names(late)
                for base, n in sorted(early.items()):
                    if not TRANSIENT.match(base) and now[base] < n:
                        missing = sorted(k for k in ag.threads_early if strip(k) == base and k not in late)
                        self.breach("threads", f"site {s}: {n} '{base}' threads at {self.threads_after} s, "
                                               f"{now[base]} at the end; gone: {missing}")
            for k, v in m.items():
                if k.startswith("linkguard_alerts_dropped_total") and v != 0:
                    self.breach("alerts", f"site {s}: {k} = {v:g}")
            for c in ag.status()["alert_channels"]:
                if c["queue_depth"] != 0:
                    self.breach("alerts", f"site {s}: channel {c['name']} still has {c['queue_depth']} queued")
                summary[f"sent_{s}"] += c["sent"]
                summary["sent"] += c["sent"]
                summary["failed"] += c["failed"]
            self.check_causes(ag)
            self.check_delivery(ag, rx.get(f"site-{s}", {}), summary)
        for pid in hooks_left:
            self.breach("hook", f"hook process {pid} (sleep {hang_arg()}) outlived its 1 s timeout")
        self.check_resources(summary)
        return summary

    def truth_mismatches(self):
        wrong = []
        for s, ag in self.sites.items():
            base = 0 if s == "a" else 100
            routes = sh("ip", "-n", ag.ns, "route", "show")
            for ln in ag.status()["links"]:
                i = int(ln["link"][1:])
                cut = i in self.final_cut
                want = ("down", "proxy") if cut else ("up", "tunnel")
                got = (ln["state"], ln.get("active_path", "?"))
                via = re.search(rf"^198\.19\.{base + i}\.0/24 via (\S+)", routes, re.M)
                want_via = ag.proxy if cut else addr(i, "b" if s == "a" else "a")
                if got != want:
                    wrong.append(f"site {s} {ln['link']}: state/path {got[0]}/{got[1]}, truth {want[0]}/{want[1]}"
                                 f" (suppressed={ln['suppressed']}, failback_pending={ln['failback_pending']})")
                if not via or via[1] != want_via:
                    wrong.append(f"site {s} {ln['link']}: route 198.19.{base + i}.0/24 via "
                                 f"{via[1] if via else 'none'}, truth via {want_via}")
        return wrong

    def check_causes(self, ag):
        for (link, at, fr, to), (reason, detail) in ag.transitions.items():
            if not reason or not detail.strip():
                self.breach("cause", f"site {ag.site} {link} {fr} -> {to} at {at}: reason={reason!r} detail={detail!r}")
        tr, sw = ag.log_events()
        for link, fr, to, detail in tr:
            if not detail or detail.startswith("(") and detail.endswith(")"):
                self.breach("cause", f"site {ag.site} journal: {link} {fr} -> {to} with no detail")
        for link, fr, to, why in sw:
            if not why:
                self.breach("cause", f"site {ag.site} journal: {link} traffic {fr} -> {to} with no reason")
        ag.journal = (tr, sw)

    def check_delivery(self, ag, got, summary):
        """Every transition and traffic switch in the journal has a delivered event; Unknown -> Up is
        news only after the probes fell silent (no_samples), not at start-up."""
        tr, sw = ag.journal
        want = collections.Counter()
        silent = set()  # links whose last transition was to unknown for want of samples
        for link, fr, to, detail in tr:
            if not (fr == "unknown" and to == "up") or link in silent:
                want[(link, f"{fr} -> {to}: {detail}")] += 1
            if to == "unknown" and detail.startswith("no probe results"):
                silent.add(link)
            else:
                silent.discard(link)
        for link, fr, to, why in sw:
            want[(link, f"traffic {fr} -> {to}: {why}")] += 1
        have = collections.Counter()
        for events in got.values():
            for e in events:
                have[(e["link"], e["reason"])] += 1
        missing = want - have
        for (link, reason), n in sorted(missing.items())[:10]:
            self.breach("alerts", f"site {ag.site} {link}: {n} event(s) never delivered: {reason}")
        if len(missing) > 10:
            self.breach("alerts", f"site {ag.site}: {len(missing) - 10} more undelivered event kinds")
        summary["transitions"] += len(tr)
        summary["switches"] += len(sw)
        summary["messages"] += len(got)
        summary["events_delivered"] += sum(len(v) for v in got.values())
        sent = summary[f"sent_{ag.site}"]
        if len(got) < sent:
            self.breach("alerts", f"site {ag.site}: agent counts {sent} messages sent, receiver has {len(got)}")

    def received(self):
        """node -> message id -> events, each message once however often it was retried."""
        rx = collections.defaultdict(dict)
        if os.path.exists(self.rx_file):
            with open(self.rx_file) as f:
                for line in f:
                    r = json.loads(line)
                    if "error" in r:
                        self.breach("alerts", f"receiver got an unreadable body: {r['error']}")
                        continue
                    rx[r["node"]][r["id"]] = r["events"]
                    self.counts["posts"] += 1
        return rx

    def hang_hooks(self):
        """PIDs of the hanging hook's sleep that are still there 2 s later (the hook's timeout is 1 s)."""
        def scan():
            found = set()
            for p in os.listdir("/proc"):
                if p.isdigit():
                    try:
                        with open(f"/proc/{p}/cmdline", "rb") as f:
                            if f.read().split(b"\0")[1:2] == [hang_arg().encode()]:
                                found.add(int(p))
                    except OSError:
                        pass
            return found
        first = scan()
        time.sleep(2.5)
        return first & scan()

    def check_resources(self, summary):
        for s, ag in self.sites.items():
            for what, series, limit, unit in (("rss", ag.rss, 5 * 1024, "kB"), ("fds", ag.fds, 5, "")):
                vals = [v for t, v in series if t >= 120] if not self.a.quick else [v for t, v in series]
                summary[f"{what}_{s}"] = (min(vals), max(vals)) if vals else (0, 0)
                if not vals:
                    self.breach("resources", f"site {s}: no {what} samples after minute 2")
                elif self.a.quick:
                    # 60 s is too short to judge flatness: only generous bounds (say so in the summary).
                    cap = 256 * 1024 if what == "rss" else series[0][1] + 40
                    if max(vals) > cap:
                        self.breach("resources", f"site {s}: {what} reached {max(vals)}{unit} (bound {cap}{unit})")
                elif max(vals) - min(vals) > limit:
                    self.breach("resources", f"site {s}: {what} from minute 2 on ranges {min(vals)}..{max(vals)}{unit},"
                                             f" more than {limit}{unit}: {[v for t, v in series if t >= 120]}")


def main():
    p = argparse.ArgumentParser()
    for k in ("ns-a", "ns-b", "ns-c", "tag", "java", "out"):
        p.add_argument(f"--{k}", required=True)
    p.add_argument("--duration", type=int, default=600)
    p.add_argument("--links", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    soak = Soak(a)
    summary = None
    try:
        summary = soak.run()
    except Exception as e:  # a broken run is a failure with its reason, not a traceback only
        soak.breach("run", f"{type(e).__name__}: {e}")
    finally:
        for ag in getattr(soak, "sites", {}).values():
            if ag.proc and ag.proc.poll() is None:
                ag.proc.terminate()
                try:
                    ag.proc.wait(15)
                except subprocess.TimeoutExpired:
                    ag.proc.kill()
        for p in soak.rx or []:
            if p.poll() is None:
                p.terminate()
        if getattr(soak, "relay", None):
            soak.relay.stdin.close()
            soak.relay.wait(10)
    c = soak.counts
    s = summary or collections.Counter()

    def mm(k):
        v = s.get(k, (0, 0))
        return f"{v[0]}..{v[1]}"
    rss = lambda k: "%.1f..%.1f" % tuple(x / 1024 for x in s.get(k, (0, 0)))  # noqa: E731
    print(f"SUMMARY links={a.links} duration_s={a.duration} seed={a.seed} cuts={c['cut']} flaps={c['flap']}"
          f" loss={c['loss']} mtu={c['mtu']} reloads={c['reloads']} invalid={c['reloads_invalid']}"
          f" outage_s={c['outage_s']} transitions={s['transitions']} switches={s['switches']}"
          f" alerts_sent={s['sent']} alert_msgs_received={s['messages']} alert_events={s['events_delivered']}"
          f" posts={c['posts']} failed_attempts={s['failed']} rss_a_mb={rss('rss_a')} rss_b_mb={rss('rss_b')}"
          f" fds_a={mm('fds_a')} fds_b={mm('fds_b')} breaches={len(soak.breaches)}", flush=True)
    if soak.breaches:
        print(f"soak: FAIL ({len(soak.breaches)} breaches; the first: {soak.breaches[0]})", flush=True)
        sys.exit(1)
    print(f"soak: PASS {a.links} links, {a.duration} s, every invariant held"
          + (" (quick: RSS/fd flatness not judged, only bounds)" if a.quick else ""), flush=True)


if __name__ == "__main__":
    main()

package io.linkguard.agent.failover;

import io.linkguard.probes.net.ProcessSignals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program from argv, never through a shell, in a process group of its
 * own (setsid(1)), with a hard timeout after which the whole group is killed:
 * TERM, then KILL a second later. keepalived's notify scripts have no timeout;
 * a hung hook here costs at most its timeout.
 */
final class CommandRunner {
    /** What happened. exitCode is -1 when the command was killed or did not start. */
    record Result(ActionOutcome outcome, int exitCode, Duration duration, String output) {
    }

    private static final int MAX_OUTPUT_BYTES = 4096;
    private static final String SETSID = "/usr/bin/setsid";

    private CommandRunner() {
    }

    static Result run(List<String> argv, Map<String, String> env, Duration timeout) {
        long start = System.nanoTime();
        List<String> command = new ArrayList<>();
        // setsid: the child leads a new process group whose id is its pid, so the group can be killed.
        command.add(SETSID);
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(ActionOutcome.FAILED, -1, Duration.ofNanos(System.nanoTime() - start),
                    "cannot start " + argv.getFirst() + ": " + e.getMessage());
        }
        OutputTail tail = new OutputTail(p.getInputStream());
        tail.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!finished) {
                ProcessSignals.killGroup(p.pid(), ProcessSignals.SIGTERM);
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    ProcessSignals.killGroup(p.pid(), ProcessSignals.SIGKILL);
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            ProcessSignals.killGroup(p.pid(), ProcessSignals.SIGKILL);
            Thread.currentThread().interrupt();
            finished = false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        try {
            tail.join(1000); // the pipe closes when the group is gone; a daemonised grandchild may keep it open
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String out = tail.text();
        if (!finished) {
            return new Result(ActionOutcome.TIMEOUT, -1, took, "killed after " + timeout.toMillis() + " ms; " + out);
        }
        int code = p.exitValue();
        return new Result(code == 0 ? ActionOutcome.OK : ActionOutcome.FAILED, code, took, out);
    }

    /** Keeps the first few KB of output, drains the rest so the child never blocks on a full pipe. */
    private static final class OutputTail extends Thread {
        private final InputStream in;
        private final byte[] kept = new byte[MAX_OUTPUT_BYTES];
        private int length;

        OutputTail(InputStream in) {
            super("hook-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (this) {
                        int take = Math.min(n, kept.length - length);
                        System.arraycopy(buf, 0, kept, length, take);
                        length += take;
                    }
                }
            } catch (IOException e) {
                // the process went away: what we kept is what there is
            }
        }

        synchronized String text() {
            return new String(kept, 0, length, StandardCharsets.UTF_8).strip().replace('\n', ' ');
        }
    }
}

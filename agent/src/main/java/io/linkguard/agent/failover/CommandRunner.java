package io.linkguard.agent.failover;

import io.linkguard.probes.net.ProcessSignals;

import java.io.IOException;
import java.io.InputStream;
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
 *
 * <p>The environment is exactly {@code env}: nothing of the agent's own
 * environment (where channel tokens may live, via {@code token_env}) is passed.
 *
 * <p>Output is read on the calling thread, never blocking: a daemonised
 * grandchild that keeps stdout open cannot pin a reader thread (or the JDK's
 * process reaper, which drains and closes the pipe when the hook exits). When
 * the hook exits, whatever it left running in its process group is killed.
 */
final class CommandRunner {
    /** What happened. exitCode is -1 when the command was killed or did not start. */
    record Result(ActionOutcome outcome, int exitCode, Duration duration, String output) {
    }

    /** Output shown in the log, /status and alerts (characters, once masked); the rest is counted, not kept. */
    static final int MAX_OUTPUT_BYTES = 4096;
    /**
     * Kept beyond {@link #MAX_OUTPUT_BYTES} so that the mask runs before the cut: a secret that crosses the
     * cut is masked whole instead of leaving its first part behind.
     */
    static final int SLACK_BYTES = 1024;
    /** How often the pipe is drained while the command runs; a full pipe (64 KiB) blocks the writer meanwhile. */
    private static final long POLL_MILLIS = 10;
    private static final String SETSID = "/usr/bin/setsid";

    private CommandRunner() {
    }

    /**
     * @param env the command's whole environment (see {@link HookEnvironment})
     */
    static Result run(List<String> argv, Map<String, String> env, Duration timeout) {
        return run(argv, env, timeout, null);
    }

    /**
     * @param env       the command's whole environment (see {@link HookEnvironment})
     * @param redaction masks secrets in the output before it is cut to its bound; null shows it as printed
     */
    static Result run(List<String> argv, Map<String, String> env, Duration timeout, HookRedaction redaction) {
        long start = System.nanoTime();
        List<String> command = new ArrayList<>();
        // setsid: the child leads a new process group whose id is its pid, so the group can be killed.
        command.add(SETSID);
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException | IllegalArgumentException e) {
            return new Result(ActionOutcome.FAILED, -1, Duration.ofNanos(System.nanoTime() - start),
                    "cannot start " + argv.getFirst() + ": " + e.getMessage());
        }
        OutputTail tail = new OutputTail(p.getInputStream());
        boolean finished;
        boolean leftovers = false;
        try {
            finished = waitDraining(p, tail, timeout.toNanos());
            if (!finished) {
                ProcessSignals.killGroup(p.pid(), ProcessSignals.SIGTERM);
                if (!waitDraining(p, tail, TimeUnit.SECONDS.toNanos(1))) {
                    ProcessSignals.killGroup(p.pid(), ProcessSignals.SIGKILL);
                    waitDraining(p, tail, TimeUnit.SECONDS.toNanos(5));
                }
            } else {
                // The hook is done; a process it left behind (sleep 1000 &) would hold the pipe and live on.
                leftovers = ProcessSignals.killGroup(p.pid(), ProcessSignals.SIGKILL);
            }
        } catch (InterruptedException e) {
            ProcessSignals.killGroup(p.pid(), ProcessSignals.SIGKILL);
            Thread.currentThread().interrupt();
            finished = false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        tail.drain();
        tail.close();
        String out = tail.text(redaction) + (leftovers ? " [killed what the hook left running in its process group]" : "");
        if (!finished) {
            return new Result(ActionOutcome.TIMEOUT, -1, took, "killed after " + timeout.toMillis() + " ms; " + out);
        }
        int code = p.exitValue();
        return new Result(code == 0 ? ActionOutcome.OK : ActionOutcome.FAILED, code, took, out.strip());
    }

    /** Waits up to {@code nanos} for {@code p} to exit, draining its output meanwhile; true if it exited. */
    private static boolean waitDraining(Process p, OutputTail tail, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            tail.drain();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return !p.isAlive();
            }
            if (p.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }

    /**
     * Keeps the first {@link #MAX_OUTPUT_BYTES} + {@link #SLACK_BYTES} of output and counts the rest. Reads only what
     * {@link InputStream#available()} says is there, so it never blocks on a pipe held open by
     * someone else.
     */
    static final class OutputTail {
        private final InputStream in;
        private final byte[] kept = new byte[MAX_OUTPUT_BYTES + SLACK_BYTES];
        private final byte[] buf = new byte[8192];
        private int length;
        private long dropped;
        private boolean closed;

        OutputTail(InputStream in) {
            this.in = in;
        }

        void drain() {
            if (closed) {
                return;
            }
            try {
                for (int n; (n = in.available()) > 0; ) {
                    int read = in.read(buf, 0, Math.min(n, buf.length));
                    if (read <= 0) {
                        return;
                    }
                    int take = Math.min(read, kept.length - length);
                    System.arraycopy(buf, 0, kept, length, take);
                    length += take;
                    dropped += read - take;
                }
            } catch (IOException e) {
                closed = true; // closed by the JDK after the exit, once drained: what we kept is what there is
            }
        }

        /** Closes our end of the pipe: a writer left behind gets EPIPE instead of an audience. */
        void close() {
            closed = true;
            try {
                in.close();
            } catch (IOException e) {
                // already closed
            }
        }

        /**
         * What was kept, on one line, control characters (terminal escapes, CR) as spaces, masked by
         * {@code redaction} (if any) and only then cut to {@link #MAX_OUTPUT_BYTES} characters.
         */
        String text(HookRedaction redaction) {
            return shown(new String(kept, 0, length, java.nio.charset.StandardCharsets.UTF_8), dropped > 0,
                    length + dropped, redaction);
        }
    }

    /**
     * {@code raw} (the kept start of the output; {@code more}: there was more) as shown: masked first, then
     * cut, with a marker if anything is left out. When the output went on past what was kept, the kept end
     * may be the start of a secret whose rest was not kept, which no mask can recognise: that end goes.
     */
    static String shown(String raw, boolean more, long totalBytes, HookRedaction redaction) {
        String s = raw.replaceAll("\\p{Cntrl}", " ");
        if (more && redaction != null) {
            s = s.substring(0, s.length() - redaction.partialSecretAtEnd(s));
        }
        s = s.strip();
        if (redaction != null) {
            s = redaction.apply(s);
        }
        boolean cut = s.length() > MAX_OUTPUT_BYTES;
        if (cut) {
            int end = Character.isHighSurrogate(s.charAt(MAX_OUTPUT_BYTES - 1)) ? MAX_OUTPUT_BYTES - 1
                    : MAX_OUTPUT_BYTES;
            s = s.substring(0, end);
        }
        return cut || more ? s + " [output truncated: " + Math.max(0, totalBytes - MAX_OUTPUT_BYTES) + " more bytes]"
                : s;
    }
}

package io.linkguard.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command with a hard time limit and returns its output. */
final class Cmd {
    record Result(int exit, String out) {
    }

    private Cmd() {
    }

    static Result run(List<String> argv, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", argv));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Runs and fails the test if the command fails. */
    static String ok(String... argv) throws IOException, InterruptedException {
        Result r = run(List.of(argv), 30);
        if (r.exit() != 0) {
            throw new IOException("command failed (exit " + r.exit() + "): " + String.join(" ", argv) + "\n" + r.out());
        }
        return r.out();
    }
}

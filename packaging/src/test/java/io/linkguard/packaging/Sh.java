package io.linkguard.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs a short command with a hard time limit and returns its exit status and output. */
final class Sh {
    record Result(int exit, String out) {
    }

    private Sh() {
    }

    /** With the test's environment changed by {@code env}: a null value removes the variable. */
    static Result run(List<String> argv, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        p.getOutputStream().close();
        // Read while it runs, so a chatty command cannot block on a full pipe.
        var out = new java.io.ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", argv));
        }
        reader.join(5000);
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... argv) throws IOException, InterruptedException {
        return run(List.of(argv), Map.of(), 120);
    }

    /** Runs, and fails the test with the command's output if it fails. */
    static String ok(String... argv) throws IOException, InterruptedException {
        Result r = run(argv);
        if (r.exit() != 0) {
            throw new AssertionError("command failed (exit " + r.exit() + "): " + String.join(" ", argv) + "\n" + r.out());
        }
        return r.out();
    }

    /**
     * The usual system PATH without every directory that holds a {@code java}, so a command run
     * with it cannot fall back to the host's JDK.
     */
    static String pathWithoutJava() {
        return Arrays.stream("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".split(":"))
                .filter(d -> !Files.exists(Path.of(d, "java")))
                .collect(Collectors.joining(":"));
    }
}

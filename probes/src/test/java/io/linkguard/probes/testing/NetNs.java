package io.linkguard.probes.testing;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A network namespace made with {@code ip netns add} (prefix {@code lgnl-}) and one platform thread
 * that entered it with setns(2): code {@link #call}ed there opens its sockets inside the namespace.
 * setns changes only the calling thread's namespace, so that thread never switches back; it ends
 * with {@link #close()}, which also deletes the namespace (and its interfaces). Skips without root
 * (fails under LINKGUARD_REQUIRE_NETNS=1), through {@link Privileged#assumeRoot()}.
 */
public final class NetNs implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETNS = handle("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    public final String name;
    private final ExecutorService inside;

    public NetNs() throws Exception {
        Privileged.assumeRoot();
        name = "lgnl-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        sh("ip", "netns", "add", name);
        inside = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("in-" + name).daemon(true).unstarted(r));
        try {
            call(() -> {
                enter(name);
                return null;
            });
            ip("link", "set", "lo", "up");
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Runs {@code body} on the thread inside the namespace. */
    public <T> T call(Callable<T> body) throws Exception {
        Future<T> f = inside.submit(body);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw (Error) e.getCause();
        }
    }

    /** {@code ip -n <ns> args...}; fails the test if it fails. */
    public String ip(String... args) throws IOException, InterruptedException {
        String[] argv = new String[args.length + 3];
        argv[0] = "ip";
        argv[1] = "-n";
        argv[2] = name;
        System.arraycopy(args, 0, argv, 3, args.length);
        return sh(argv);
    }

    public static String sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", argv));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", argv) + "\n" + out);
        }
        return out;
    }

    private static void enter(String ns) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(a.allocateFrom("/run/netns/" + ns), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open /run/netns/" + ns + " failed");
            }
            int rc = (int) SETNS.invokeExact(fd, CLONE_NEWNET);
            int closed = (int) CLOSE.invokeExact(fd);
            assert closed == 0;
            if (rc != 0) {
                throw new IOException("setns(" + ns + ", CLONE_NEWNET) failed");
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() throws Exception {
        inside.shutdownNow();
        inside.awaitTermination(5, TimeUnit.SECONDS);
        sh("ip", "netns", "del", name);
    }

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }
}

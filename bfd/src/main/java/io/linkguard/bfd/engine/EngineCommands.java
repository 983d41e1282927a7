package io.linkguard.bfd.engine;

import io.linkguard.probes.net.NativeSocketException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work other threads hand the engine thread (add, remove, AdminDown), and how they wait for it:
 * the engine thread alone touches the sessions, the demultiplexer and the deadline queue, so a
 * change is a command it runs at the start of its next round, not a lock.
 */
final class EngineCommands {
    /** How long a caller waits for the engine thread to run its command. */
    private static final long ANSWER_SECONDS = 10;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

    /** Any thread; the caller then wakes the engine thread. */
    void add(Runnable command) {
        queue.add(command);
    }

    /** Engine thread: runs every command queued so far, in order. */
    void runAll() {
        for (Runnable c; (c = queue.poll()) != null; ) {
            c.run();
        }
    }

    /** Waits for a command that may fail with a set-up error the operator must fix. */
    static void await(CompletableFuture<Void> f) throws NativeSocketException {
        try {
            f.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NativeSocketException n) {
                throw n;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("BFD engine did not answer within " + ANSWER_SECONDS + " s");
        }
    }

    /** Waits for a command whose failure leaves nothing to do (shutting down, removing). */
    static void awaitQuietly(CompletableFuture<Void> f) {
        try {
            f.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // shutting down: nothing more to do
        }
    }
}

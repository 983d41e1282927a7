package io.linkguard.alerts;

import io.linkguard.core.log.Log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spool's root, {@code <state directory>/alerts/}: created and proven writable before anything
 * starts, each channel's directory checked, and held by one dispatcher at a time through a lock file
 * ({@code .lock}, an fcntl(2) lock against other processes, plus a set of roots this process holds, since
 * fcntl locks do not exclude the process that holds them).
 */
final class SpoolRoot {
    /** Spool roots whose lock a dispatcher of this process holds. */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();
    private static final String HINT = " (set agent.state_directory, or StateDirectory= in the systemd unit)";

    private final Path root;
    private final FileChannel lockFile;
    private final FileLock lock;

    private SpoolRoot(Path root, FileChannel lockFile, FileLock lock) {
        this.root = root;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Creates {@code <state>/alerts} (mode 0700) and proves it writable, with an operator-facing error. */
    static Path prepare(Path stateDirectory) throws IOException {
        Path root = stateDirectory.resolve("alerts");
        try {
            Files.createDirectories(stateDirectory);
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Path probe = Files.createTempFile(root, ".write-test", ".tmp");
            Files.delete(probe);
            return root;
        } catch (IOException e) {
            throw new IOException("alert spool: state directory " + stateDirectory + " is not writable: "
                    + reason(e) + HINT, e);
        }
    }

    /** A channel's spool directory, if it exists, must be a directory this process can list and write. */
    static void checkChannelDirectory(String channel, Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return; // created when the channel starts, in alerts/, which prepare() proved writable
        }
        try {
            if (!Files.isDirectory(dir)) {
                throw new IOException("not a directory");
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                files.iterator().hasNext();
            }
            Files.delete(Files.createTempFile(dir, ".write-test", ".tmp"));
        } catch (IOException e) {
            throw new IOException("alert channel " + channel + ": spool directory " + dir + " is not usable: "
                    + (e.getMessage() != null && e.getMessage().equals("not a directory") ? "not a directory"
                    : reason(e)), e);
        }
    }

    /**
     * Fails if another process holds the spool's lock. A lock held in this process (the dispatcher a reload
     * replaces) is not an error: it is released before the new one starts.
     */
    static void checkNotLockedElsewhere(Path root) throws IOException {
        if (LOCKED_HERE.contains(key(root))) {
            return; // ours: probing it would release it (see lock)
        }
        try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                throw new IOException("alert spool " + root + " is in use by another linkguard process");
            }
            l.release();
        } catch (OverlappingFileLockException e) {
            // taken by a dispatcher of this process just now: lock() will say so
        }
    }

    /**
     * Takes the spool's lock.
     *
     * @throws IOException if another process or a dispatcher of this one (not yet closed) holds it
     */
    static SpoolRoot lock(Path root) throws IOException {
        // Checked before opening the lock file: closing any descriptor of a file drops this process's
        // fcntl(2) locks on it, so probing a lock our own dispatcher holds would release it.
        if (!LOCKED_HERE.add(key(root))) {
            throw new IOException("alert spool " + root + " is in use by another dispatcher of this process");
        }
        FileChannel lockFile;
        FileLock lock;
        try {
            lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            LOCKED_HERE.remove(key(root));
            throw e;
        }
        try {
            lock = lockFile.tryLock();
        } catch (IOException | RuntimeException e) {
            lock = null;
        }
        if (lock == null) {
            lockFile.close();
            LOCKED_HERE.remove(key(root));
            throw new IOException("alert spool " + root + " is in use by another linkguard process (or dispatcher)");
        }
        return new SpoolRoot(root, lockFile, lock);
    }

    Path path() {
        return root;
    }

    /** Lets go of the spool: another dispatcher (or process) may take it. */
    void release() {
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            Log.warn("alerts: cannot release the spool lock: %s", e.getMessage());
        } finally {
            LOCKED_HERE.remove(key(root));
        }
    }

    private static Path key(Path root) {
        return root.toAbsolutePath().normalize();
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.toString();
    }
}

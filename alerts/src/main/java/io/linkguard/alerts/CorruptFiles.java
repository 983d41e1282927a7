package io.linkguard.alerts;

import io.linkguard.core.log.Log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A spool's {@code corrupt/} directory: files that cannot be read as a message are moved there, never
 * deleted on the spot, so an operator can look at them. It is bounded: past {@link Bound#maxFiles} files or
 * {@link Bound#maxBytes} bytes the files set aside longest ago are deleted (the newest is always kept), so
 * a disk that keeps producing garbage cannot fill the state directory. Used by its spool's thread only.
 */
final class CorruptFiles {
    /** Names tried in {@code corrupt/} when one is taken: {@code name}, {@code name.1}, ... */
    private static final int MAX_NAMES = 1000;

    /** How much {@code corrupt/} keeps. */
    record Bound(int maxFiles, long maxBytes) {
        /** Enough to diagnose a failing disk or a bug, small beside the spool's own bound. */
        static final Bound DEFAULT = new Bound(100, 16L << 20);

        Bound {
            if (maxFiles < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("corrupt/ bounds must be positive");
            }
        }
    }

    private final Path aside;
    private final Bound bound;
    private long pruned;

    CorruptFiles(Path spoolDir, Bound bound) {
        this.aside = spoolDir.resolve(Spool.CORRUPT_DIR);
        this.bound = bound;
    }

    /**
     * Moves {@code f} into {@code corrupt/} (under a free name), marks it as set aside now, and prunes.
     *
     * @return its name there
     * @throws IOException if it cannot be moved (it then stays where it is)
     */
    String setAside(Path f) throws IOException {
        String name = f.getFileName().toString();
        Files.createDirectories(aside);
        Path to = aside.resolve(name);
        for (int i = 1; Files.exists(to, LinkOption.NOFOLLOW_LINKS) && i < MAX_NAMES; i++) {
            to = aside.resolve(name + "." + i);
        }
        Files.move(f, to, StandardCopyOption.ATOMIC_MOVE);
        try {
            // A rename keeps the file's mtime; pruning goes by when it was set aside.
            Files.setLastModifiedTime(to, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // still set aside; it may just be pruned a little early
        }
        prune();
        return to.getFileName().toString();
    }

    /** Files deleted from {@code corrupt/} to keep it within its bound, since this spool was opened. */
    long pruned() {
        return pruned;
    }

    private record Aside(Path file, FileTime setAside, long bytes) {
    }

    /** Deletes the files set aside longest ago while the directory is over its bound; never the newest. */
    private void prune() {
        List<Aside> files = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(aside)) {
            for (Path p : all) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile()) {
                    files.add(new Aside(p, a.lastModifiedTime(), a.size()));
                    total += a.size();
                }
            }
        } catch (IOException e) {
            Log.warn("alert spool %s: cannot list it to prune it: %s", aside, e.getMessage());
            return;
        }
        if (files.size() <= bound.maxFiles() && total <= bound.maxBytes()) {
            return;
        }
        files.sort(Comparator.comparing(Aside::setAside).thenComparing(a -> a.file().getFileName().toString()));
        int deleted = 0;
        for (int i = 0; i < files.size() - 1 && (files.size() - i > bound.maxFiles() || total > bound.maxBytes());
                i++) {
            Aside a = files.get(i);
            try {
                Files.delete(a.file());
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                Log.warn("alert spool %s: cannot delete %s to keep it bounded: %s", aside, a.file().getFileName(),
                        e.getMessage());
                continue;
            }
            total -= a.bytes();
            deleted++;
        }
        pruned += deleted;
        if (deleted > 0) {
            Log.notice("alert spool %s: deleted the %d file(s) set aside longest ago, keeping at most %d files and"
                    + " %d bytes there", aside, deleted, bound.maxFiles(), bound.maxBytes());
        }
    }
}

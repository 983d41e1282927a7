package io.linkguard.alerts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One channel's messages on disk, oldest first, so that a crash or SIGKILL loses nothing that was
 * written: every file is written to a temporary name, fsync'd, renamed into place and the directory
 * fsync'd (rename is atomic on POSIX file systems, and the directory fsync makes the rename itself
 * durable). Files:
 * <ul>
 *   <li>{@code open.json}: the group still collecting events;
 *   <li>{@code <seq>-<created ms>.msg}: sealed messages waiting for delivery, {@code seq} ascending;
 *   <li>{@code firing.json}: Alertmanager's firing alerts ({@link ChannelFactory#fileStore}), not the spool's;
 *   <li>{@code corrupt/}: files set aside because they cannot be read as a message (a {@code .msg} name that
 *       is not {@code <seq>-<created ms>.msg} with numbers in range, or content that does not decode).
 *       They are moved there so an operator can look at them, and only the newest are kept
 *       ({@link CorruptFiles}); each is counted as {@code linkguard_alerts_dropped_total{reason="corrupt"}}.
 * </ul>
 * A message is deleted only once delivered, given up on, dropped past the spool's bound, or moved aside as
 * corrupt; a read that fails with an {@link IOException} (a transient disk problem) leaves it in place.
 * Only an index (sequence, creation time, size) is kept in memory; a message is read when it is
 * next to send. Used by its channel's thread only.
 */
final class Spool {
    static final String OPEN = "open.json";
    /** Where unreadable files are moved: inside the channel's directory, so they stay with its spool. */
    static final String CORRUPT_DIR = "corrupt";
    static final String SEALED_SUFFIX = ".msg";
    private static final Pattern SEALED = Pattern.compile("([0-9]{20})-([0-9]{1,19})\\.msg");

    /** A sealed message file. */
    record Entry(long seq, long createdMillis, long bytes, Path file) {
    }

    /** Opens a spool once the corruption callback exists. */
    interface Opener {
        Spool open(BiConsumer<String, String> corrupt) throws IOException;
    }

    /** The oldest sealed message, read. */
    record Head(Entry entry, Message message) {
    }

    private final Path dir;
    private final int maxMessages;
    private final long maxBytes;
    /** Called with the file name and the problem for each unreadable file, which is then set aside. */
    private final BiConsumer<String, String> corrupt;
    private final CorruptFiles corruptFiles;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long totalBytes;
    private long nextSeq = 1;

    private Spool(Path dir, int maxMessages, long maxBytes, BiConsumer<String, String> corrupt,
                  CorruptFiles.Bound corruptBound) {
        this.dir = dir;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.corrupt = corrupt;
        this.corruptFiles = new CorruptFiles(dir, corruptBound);
    }

    /**
     * Opens (creating if needed) the spool in {@code dir}; leftovers of interrupted writes are removed, and a
     * {@code .msg} file whose name does not parse is set aside as corrupt (it cannot be ordered).
     */
    static Spool open(Path dir, int maxMessages, long maxBytes, BiConsumer<String, String> corrupt)
            throws IOException {
        return open(dir, maxMessages, maxBytes, corrupt, CorruptFiles.Bound.DEFAULT);
    }

    /** {@link #open(Path, int, long, BiConsumer)} keeping {@code corruptBound} in {@code corrupt/}. */
    static Spool open(Path dir, int maxMessages, long maxBytes, BiConsumer<String, String> corrupt,
                      CorruptFiles.Bound corruptBound) throws IOException {
        Files.createDirectories(dir);
        Spool s = new Spool(dir, maxMessages, maxBytes, corrupt, corruptBound);
        List<Entry> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(f); // a write that never reached its rename
                    continue;
                }
                if (!name.endsWith(SEALED_SUFFIX)) {
                    continue; // open.json, firing.json, corrupt/, or not ours
                }
                Optional<String> problem = nameProblem(name);
                if (problem.isEmpty() && !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    problem = Optional.of("not a regular file");
                }
                if (problem.isPresent()) {
                    s.setAside(f, problem.get());
                    continue;
                }
                Matcher m = SEALED.matcher(name);
                m.matches();
                found.add(new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Files.size(f), f));
            }
        }
        found.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        for (Entry e : found) {
            s.entries.addLast(e);
            s.totalBytes += e.bytes();
            s.nextSeq = e.seq() + 1;
        }
        return s;
    }

    /** Why {@code name} is not {@code <seq>-<created ms>.msg} with both numbers in range; empty if it is. */
    static Optional<String> nameProblem(String name) {
        Matcher m = SEALED.matcher(name);
        if (!m.matches()) {
            return Optional.of("file name is not <20-digit sequence>-<created ms>.msg");
        }
        try {
            long seq = Long.parseLong(m.group(1));
            Long.parseLong(m.group(2));
            if (seq == Long.MAX_VALUE) {
                return Optional.of("sequence number out of range"); // the next one would overflow
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of("number in the file name out of range");
        }
    }

    /** Files deleted from {@code corrupt/} to keep it bounded since the spool was opened. */
    long corruptFilesPruned() {
        return corruptFiles.pruned();
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    long bytes() {
        return totalBytes;
    }

    /** Creation time (ms since the epoch) of the oldest sealed message. */
    OptionalLong oldestCreatedMillis() {
        return entries.isEmpty() ? OptionalLong.empty() : OptionalLong.of(entries.peekFirst().createdMillis());
    }

    /** The group being collected, as last written; removed (and reported) if unreadable. */
    Optional<Message> readOpen() throws IOException {
        Path f = dir.resolve(OPEN);
        try {
            return Optional.of(MessageCodec.decode(Files.readAllBytes(f)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            setAside(f, e.getMessage());
            return Optional.empty();
        }
    }

    /** Durably replaces {@code open.json}. */
    void writeOpen(Message m) throws IOException {
        writeAtomically(OPEN, MessageCodec.encode(m));
    }

    /**
     * Turns {@code open.json} (which must hold {@code m}, see {@link #writeOpen}) into the newest sealed
     * message by renaming it: a crash leaves either the open group or the sealed message, never both.
     */
    Entry seal(Message m) throws IOException {
        Path from = dir.resolve(OPEN);
        long seq = nextSeq++;
        long created = m.created().toEpochMilli();
        Path to = dir.resolve(String.format("%020d-%d.msg", seq, Math.max(0, created)));
        long size = Files.size(from);
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        Entry e = new Entry(seq, created, size, to);
        entries.addLast(e);
        totalBytes += size;
        return e;
    }

    /**
     * Drops the oldest messages until both bounds hold again, but never the newest one.
     *
     * @return the entries dropped, oldest first
     */
    List<Entry> enforceBounds() throws IOException {
        List<Entry> dropped = new ArrayList<>();
        while (entries.size() > 1 && (entries.size() > maxMessages || totalBytes > maxBytes)) {
            Entry e = entries.removeFirst();
            totalBytes -= e.bytes();
            Files.deleteIfExists(e.file());
            dropped.add(e);
        }
        if (!dropped.isEmpty()) {
            syncDirectory();
        }
        return dropped;
    }

    /**
     * The oldest readable message; ones on the way that do not decode are reported and set aside.
     *
     * @throws IOException if the oldest cannot be read now: it stays, and is tried again later
     */
    Optional<Head> head() throws IOException {
        while (!entries.isEmpty()) {
            Entry e = entries.peekFirst();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(e.file());
            } catch (NoSuchFileException gone) {
                forget(e); // removed behind our back (an older dispatcher finishing a send): nothing to send
                continue;
            }
            try {
                return Optional.of(new Head(e, MessageCodec.decode(bytes)));
            } catch (IllegalArgumentException bad) {
                forget(e);
                setAside(e.file(), bad.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Reports {@code f} as corrupt and moves it to {@code corrupt/}. If even the move fails it stays where it
     * is (and is reported again at the next start), but is no longer part of the spool.
     */
    private void setAside(Path f, String problem) {
        String name = f.getFileName().toString();
        String where;
        try {
            String asName = corruptFiles.setAside(f);
            syncDirectory();
            where = "moved to " + CORRUPT_DIR + "/" + asName;
        } catch (IOException e) {
            where = "left in place, cannot move it to " + CORRUPT_DIR + "/: " + e;
        }
        corrupt.accept(name, problem + " (" + where + ")");
    }

    /** Removes a delivered (or dropped) message. */
    void remove(Entry e) throws IOException {
        if (entries.remove(e)) {
            totalBytes -= e.bytes();
        }
        Files.deleteIfExists(e.file());
        syncDirectory();
    }

    private void forget(Entry e) {
        entries.remove(e);
        totalBytes -= e.bytes();
    }

    private void writeAtomically(String name, byte[] bytes) throws IOException {
        DurableFiles.write(dir, name, bytes);
    }

    private void syncDirectory() throws IOException {
        DurableFiles.syncDirectory(dir);
    }

    @Override
    public String toString() {
        return "spool " + dir + " (" + entries.size() + " messages, " + totalBytes + " bytes)";
    }
}

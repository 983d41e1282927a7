package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;
    private final List<String> corrupt = new ArrayList<>();

    private Spool open(int maxMessages, long maxBytes) throws Exception {
        return Spool.open(dir, maxMessages, maxBytes, (file, why) -> corrupt.add(file + ": " + why));
    }

    private static Message message(int n) {
        return new Message(UUID.randomUUID().toString(), Events.T0.plusSeconds(n), List.of(Events.numbered(n)));
    }

    private static void seal(Spool s, Message m) throws Exception {
        s.writeOpen(m);
        s.seal(m);
    }

    @Test
    void messagesComeOutOldestFirstAndSurviveAReopen() throws Exception {
        Spool s = open(100, 1 << 20);
        Message a = message(1);
        Message b = message(2);
        seal(s, a);
        seal(s, b);

        Spool again = open(100, 1 << 20);

        assertThat(again.size()).isEqualTo(2);
        assertThat(again.oldestCreatedMillis()).hasValue(a.created().toEpochMilli());
        Spool.Head head = again.head().orElseThrow();
        assertThat(head.message()).isEqualTo(a);
        again.remove(head.entry());
        assertThat(again.head().orElseThrow().message()).isEqualTo(b);
        assertThat(open(100, 1 << 20).size()).isEqualTo(1);
    }

    @Test
    void theOpenGroupIsKeptUntilSealedAndNeverDuplicated() throws Exception {
        Spool s = open(100, 1 << 20);
        Message m = message(1);
        s.writeOpen(m);

        assertThat(open(100, 1 << 20).readOpen()).contains(m);

        s.seal(m);
        Spool again = open(100, 1 << 20);
        assertThat(again.readOpen()).isEmpty();
        assertThat(again.size()).isEqualTo(1);
    }

    @Test
    void pastTheMessageBoundTheOldestAreDropped() throws Exception {
        Spool s = open(3, 1 << 20);
        List<Message> all = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < 5; i++) {
            all.add(message(i));
            seal(s, all.getLast());
            dropped += s.enforceBounds().size();
        }

        assertThat(dropped).isEqualTo(2);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.head().orElseThrow().message()).isEqualTo(all.get(2));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".msg"))).hasSize(3);
        }
    }

    @Test
    void pastTheByteBoundTheOldestAreDroppedButNeverTheNewest() throws Exception {
        Spool s = open(100, 10);
        seal(s, message(1));
        assertThat(s.enforceBounds()).isEmpty(); // one message, even too big, stays
        seal(s, message(2));
        assertThat(s.enforceBounds()).hasSize(1);
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void corruptFilesAreReportedSetAsideAndSkipped() throws Exception {
        Spool s = open(100, 1 << 20);
        seal(s, message(1));
        seal(s, message(2));
        Path first;
        try (Stream<Path> files = Files.list(dir)) {
            first = files.filter(f -> f.toString().endsWith(".msg")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(first, "{\"v\":1,\"id\":");
        Files.writeString(dir.resolve(Spool.OPEN), "not json");

        Spool again = open(100, 1 << 20);

        assertThat(again.readOpen()).isEmpty();
        assertThat(again.head().orElseThrow().message().events().getFirst().reason()).isEqualTo("event #2");
        assertThat(corrupt).hasSize(2);
        assertThat(corrupt.get(1)).startsWith(first.getFileName().toString());
        assertThat(Files.exists(first)).isFalse();
        assertThat(again.size()).isEqualTo(1);
        // Set aside, not deleted: the operator can still look at what was there.
        assertThat(dir.resolve("corrupt").resolve(first.getFileName())).hasContent("{\"v\":1,\"id\":");
        assertThat(dir.resolve("corrupt").resolve(Spool.OPEN)).hasContent("not json");
        assertThat(corrupt.get(1)).endsWith("(moved to corrupt/" + first.getFileName() + ")");
    }

    @Test
    void aFileNameWhoseNumbersDoNotFitIsOneCorruptFileNotAFailedStart() throws Exception {
        Spool s = open(100, 1 << 20);
        seal(s, message(1));
        byte[] valid;
        try (Stream<Path> files = Files.list(dir)) {
            valid = Files.readAllBytes(files.filter(f -> f.toString().endsWith(".msg")).findFirst().orElseThrow());
        }
        Files.write(dir.resolve("99999999999999999999-1.msg"), valid); // seq > Long.MAX_VALUE
        Files.write(dir.resolve("00000000000000000002-99999999999999999999.msg"), valid); // 20 digits: no match
        Files.write(dir.resolve("09223372036854775807-1.msg"), valid); // Long.MAX_VALUE: the next would overflow
        Files.write(dir.resolve("garbage.msg"), valid);

        Spool again = open(100, 1 << 20);

        assertThat(again.size()).isEqualTo(1);
        assertThat(corrupt).hasSize(4);
        try (Stream<Path> aside = Files.list(dir.resolve("corrupt"))) {
            assertThat(aside.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "99999999999999999999-1.msg", "00000000000000000002-99999999999999999999.msg",
                    "09223372036854775807-1.msg", "garbage.msg");
        }
        seal(again, message(2)); // the sequence continues from the valid file
        assertThat(open(100, 1 << 20).size()).isEqualTo(2);
    }

    @Test
    void aFileThatCannotBeReadNowStaysAndIsNotCountedAsCorrupt() throws Exception {
        Spool s = open(100, 1 << 20);
        Message m = message(1);
        seal(s, m);
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(f -> f.toString().endsWith(".msg")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        // A read that fails with an I/O error (here EISDIR, as root cannot be denied by permissions).
        Files.delete(file);
        Files.createDirectory(file);

        assertThatThrownBy(s::head).isInstanceOf(java.io.IOException.class);
        assertThat(corrupt).isEmpty();
        assertThat(s.size()).isEqualTo(1);
        assertThat(file).isDirectory();

        Files.delete(file);
        Files.write(file, bytes);
        assertThat(s.head().orElseThrow().message()).isEqualTo(m);
    }

    @Test
    void aNameTakenInTheCorruptFolderGetsASuffix() throws Exception {
        Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(dir.resolve("corrupt/garbage.msg"), "first");
        Files.writeString(dir.resolve("garbage.msg"), "second");

        open(100, 1 << 20);

        assertThat(dir.resolve("corrupt/garbage.msg")).hasContent("first");
        assertThat(dir.resolve("corrupt/garbage.msg.1")).hasContent("second");
    }

    @Test
    void theCorruptFolderKeepsOnlyTheNewestFilesUpToItsBound() throws Exception {
        Path aside = Files.createDirectories(dir.resolve("corrupt"));
        for (int i = 1; i <= 3; i++) { // set aside by earlier runs, oldest first
            Path old = Files.writeString(aside.resolve("old-" + i + ".msg"), "old " + i);
            Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-01-0" + i + "T00:00:00Z")));
        }
        Files.writeString(dir.resolve("garbage-a.msg"), "a");
        Files.writeString(dir.resolve("garbage-b.msg"), "b");

        Spool s = Spool.open(dir, 100, 1 << 20, (file, why) -> corrupt.add(file + ": " + why),
                new CorruptFiles.Bound(3, 1 << 20));

        assertThat(corrupt).hasSize(2);
        try (Stream<Path> kept = Files.list(aside)) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("old-3.msg", "garbage-a.msg", "garbage-b.msg");
        }
        assertThat(s.corruptFilesPruned()).isEqualTo(2);
    }

    @Test
    void theCorruptFolderKeepsItsNewestFileEvenAloneOverTheByteBound() throws Exception {
        Path aside = Files.createDirectories(dir.resolve("corrupt"));
        Path old = Files.writeString(aside.resolve("old.msg"), "0123456789");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.writeString(dir.resolve("garbage.msg"), "0123456789abcdef");

        Spool s = Spool.open(dir, 100, 1 << 20, (file, why) -> corrupt.add(file + ": " + why),
                new CorruptFiles.Bound(100, 12));

        try (Stream<Path> kept = Files.list(aside)) {
            assertThat(kept.map(p -> p.getFileName().toString())).containsExactly("garbage.msg");
        }
        assertThat(s.corruptFilesPruned()).isEqualTo(1);
        assertThat(corrupt).singleElement().asString().endsWith("(moved to corrupt/garbage.msg)");
    }

    @Test
    void leftoversOfInterruptedWritesAreRemovedAndUnknownFilesIgnored() throws Exception {
        Files.writeString(dir.resolve("open.json.tmp"), "half");
        Files.writeString(dir.resolve("README"), "not ours");

        Spool s = open(100, 1 << 20);

        assertThat(s.isEmpty()).isTrue();
        assertThat(Files.exists(dir.resolve("open.json.tmp"))).isFalse();
        assertThat(Files.exists(dir.resolve("README"))).isTrue();
    }

    @Test
    void sequenceNumbersContinueAfterAReopen() throws Exception {
        Spool s = open(100, 1 << 20);
        seal(s, message(1));
        Spool again = open(100, 1 << 20);
        seal(again, message(2));
        again.remove(again.head().orElseThrow().entry());

        assertThat(open(100, 1 << 20).head().orElseThrow().message().events().getFirst().reason())
                .isEqualTo("event #2");
    }
}

package io.linkguard.core.log;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Journald-friendly logging to stdout/stderr. Each line starts with the
 * sd-daemon(3) priority prefix ({@code <3>} error .. {@code <7>} debug), which
 * journald turns into the entry's priority. Under journald ({@code JOURNAL_STREAM}
 * set) no timestamp is written: the journal stamps each line itself.
 * Warnings and errors go to stderr, the rest to stdout.
 */
public final class Log {
    /** syslog(3) priorities, as sd-daemon(3) prefixes use them. */
    public enum Level {
        ERROR(3), WARNING(4), NOTICE(5), INFO(6), DEBUG(7);

        final int priority;

        Level(int priority) {
            this.priority = priority;
        }
    }

    private static final boolean UNDER_JOURNALD = System.getenv("JOURNAL_STREAM") != null;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static volatile Level threshold = Level.INFO;

    private Log() {
    }

    public static void setThreshold(Level level) {
        threshold = level;
    }

    public static void error(String fmt, Object... args) {
        log(Level.ERROR, fmt, args);
    }

    public static void warn(String fmt, Object... args) {
        log(Level.WARNING, fmt, args);
    }

    public static void notice(String fmt, Object... args) {
        log(Level.NOTICE, fmt, args);
    }

    public static void info(String fmt, Object... args) {
        log(Level.INFO, fmt, args);
    }

    public static void debug(String fmt, Object... args) {
        log(Level.DEBUG, fmt, args);
    }

    public static void log(Level level, String fmt, Object... args) {
        if (level.priority > threshold.priority) {
            return;
        }
        String text = args.length == 0 ? fmt : String.format(fmt, args);
        PrintStream out = level.priority <= Level.WARNING.priority ? System.err : System.out;
        out.println(format(level, text, UNDER_JOURNALD));
    }

    /** One line per entry: a message with newlines would split into several journal entries. */
    static String format(Level level, String text, boolean underJournald) {
        String oneLine = text.replace('\n', ' ');
        if (underJournald) {
            return "<" + level.priority + ">" + oneLine;
        }
        String now = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS).format(STAMP);
        return "<" + level.priority + ">" + now + " " + oneLine;
    }
}

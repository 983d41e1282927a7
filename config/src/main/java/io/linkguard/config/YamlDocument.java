package io.linkguard.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * One YAML config document, read and composed into a node tree (no bean binding, no object
 * construction) within bounds, so that a small or hostile file cannot make the reader build something
 * huge, and every problem has a line.
 */
public final class YamlDocument {

    /** Largest accepted config, in characters (and bytes, for files). */
    public static final int MAX_DOCUMENT_SIZE = 1 << 20;
    /** Aliases of lists/mappings allowed; keeps "billion laughs" documents from blowing up. */
    public static final int MAX_ALIASES = 10;
    public static final int MAX_NESTING_DEPTH = 20;

    private YamlDocument() {
    }

    /**
     * The text of a config file, UTF-8, at most {@link #MAX_DOCUMENT_SIZE} bytes; empty (after reporting
     * it as key {@code (file)}) if it cannot be read.
     */
    public static String read(Path file, ConfigProblems problems) {
        try {
            if (Files.isDirectory(file)) {
                problems.add(0, "(file)", "is a directory, not a config file");
                return "";
            }
            // Read at most one byte more than allowed: the size of /dev/zero or a FIFO says nothing.
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_DOCUMENT_SIZE + 1);
            }
            if (bytes.length > MAX_DOCUMENT_SIZE) {
                long size = Files.isRegularFile(file) ? Files.size(file) : -1;
                problems.add(0, "(file)", "file is too large (" + (size > MAX_DOCUMENT_SIZE ? size + " bytes" : "more")
                        + ", at most " + MAX_DOCUMENT_SIZE + " bytes)");
                return "";
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            problems.add(0, "(file)", "file not found");
        } catch (AccessDeniedException e) {
            problems.add(0, "(file)", "permission denied");
        } catch (CharacterCodingException e) {
            problems.add(0, "(file)", "not a UTF-8 text file");
        } catch (IOException e) {
            problems.add(0, "(file)", "cannot read: " + e.getMessage());
        }
        return "";
    }

    /**
     * The document's root node, checked against {@link DocumentLimits}; empty for an empty document or
     * after reporting a YAML error (key {@code (yaml)}), to which {@code hint} may add advice.
     */
    public static Optional<Node> compose(String text, ConfigProblems problems, BiFunction<String, Integer, String> hint) {
        if (text.length() > MAX_DOCUMENT_SIZE) {
            problems.add(0, "(yaml)", "document is too large (" + text.length() + " characters, at most "
                    + MAX_DOCUMENT_SIZE + ")");
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_DOCUMENT_SIZE);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        DumperOptions dumperOptions = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options);
        try {
            Optional<Node> root = Optional.ofNullable(yaml.compose(new StringReader(text)));
            root.ifPresent(r -> DocumentLimits.check(r, problems));
            return root;
        } catch (MarkedYAMLException e) {
            int line = line(e.getProblemMark());
            problems.add(line, "(yaml)", syntaxMessage(e) + hint.apply(text, line));
        } catch (YAMLException e) {
            problems.add(0, "(yaml)", e.getMessage());
        }
        return Optional.empty();
    }

    /** E.g. "while parsing a flow sequence started at line 6, expected ',' or ']', but got <stream end>". */
    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem().strip();
        if (e.getContext() == null) {
            return problem;
        }
        int contextLine = line(e.getContextMark());
        boolean otherLine = e.getContext().startsWith("while ")
                && contextLine != 0 && contextLine != line(e.getProblemMark());
        return e.getContext().strip() + (otherLine ? " started at line " + contextLine : "") + ", " + problem;
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }
}

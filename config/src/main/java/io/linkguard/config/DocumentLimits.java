package io.linkguard.config;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Document-wide bounds, checked on the composed node tree before anything is read from it, so that a
 * small file cannot make the loader (or later the agent) build something huge. snakeyaml already bounds
 * the text ({@link YamlDocument#MAX_DOCUMENT_SIZE}), the nesting, and aliases of lists and mappings
 * ({@link YamlDocument#MAX_ALIASES}); aliases of scalars are free, so a 400 KB value referenced
 * 100,000 times is a 40 GB argv. Here each scalar, list and mapping is bounded, and so is the
 * document's size with every alias expanded.
 */
public final class DocumentLimits {

    /** Longest single value, in characters. Templates and arguments are far shorter. */
    static final int MAX_SCALAR_CHARS = 16 * 1024;
    /** Most items of any list (links, probes, paths, actions, channels, prefixes, ...) or keys of a mapping. */
    static final int MAX_COLLECTION_ITEMS = 4096;
    /** Most characters (plus one per node) of the document with every alias expanded. */
    static final int MAX_EXPANDED_SIZE = 8 * 1024 * 1024;

    private final ConfigProblems problems;
    /** Each shared (aliased) node is reported once, not once per alias. */
    private final Set<Node> reported = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** The nodes on the path from the root to the current one: an alias back to one of them is a cycle. */
    private final Map<Node, Boolean> ancestors = new IdentityHashMap<>();
    private long expanded;
    private boolean tooLarge;

    private DocumentLimits(ConfigProblems problems) {
        this.problems = problems;
    }

    /** Reports every violation under {@code root}; visits at most {@link #MAX_EXPANDED_SIZE} nodes. */
    public static void check(Node root, ConfigProblems problems) {
        new DocumentLimits(problems).visit(Field.root(root));
    }

    private void visit(Field field) {
        Node node = field.node();
        expanded++;
        if (tooLarge || overBudget()) {
            return;
        }
        if (ancestors.containsKey(node)) {
            if (reported.add(node)) {
                problems.add(field, "an alias refers to a list or mapping that contains it");
            }
            return;
        }
        switch (node) {
            case ScalarNode s -> {
                expanded += s.getValue().length();
                if (s.getValue().length() > MAX_SCALAR_CHARS && reported.add(s)) {
                    problems.add(field, "value is too long (" + s.getValue().length() + " characters, at most "
                            + MAX_SCALAR_CHARS + ")");
                }
                overBudget();
            }
            case SequenceNode seq -> {
                if (tooMany(field, seq.getValue().size(), "items")) {
                    return;
                }
                ancestors.put(node, true);
                for (int i = 0; i < seq.getValue().size() && !tooLarge; i++) {
                    visit(field.item(i, seq.getValue().get(i)));
                }
                ancestors.remove(node);
            }
            case MappingNode map -> {
                if (tooMany(field, map.getValue().size(), "keys")) {
                    return;
                }
                ancestors.put(node, true);
                for (NodeTuple t : map.getValue()) {
                    if (tooLarge) {
                        break;
                    }
                    Node key = t.getKeyNode();
                    String name = key instanceof ScalarNode k ? k.getValue() : "?";
                    visit(new Field(field.childPath(name), key, Field.line(key)));
                    visit(field.child(name, key, t.getValueNode()));
                }
                ancestors.remove(node);
            }
            default -> {
            }
        }
    }

    private boolean tooMany(Field field, int count, String what) {
        if (count <= MAX_COLLECTION_ITEMS) {
            return false;
        }
        if (reported.add(field.node())) {
            problems.add(field, "has " + count + " " + what + " (at most " + MAX_COLLECTION_ITEMS + ")");
        }
        return true;
    }

    private boolean overBudget() {
        if (expanded > MAX_EXPANDED_SIZE && !tooLarge) {
            tooLarge = true;
            problems.add(0, "(yaml)", "the document is too large with its aliases expanded (more than "
                    + MAX_EXPANDED_SIZE + " characters)");
        }
        return tooLarge;
    }
}

package io.hftbus.examples.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The picture of the modules in {@code docs/modules.svg}, drawn from the build itself: every
 * folder with a {@code src/main/java/module-info.java} is a box, naming its folder, its JPMS module
 * and the third-party modules it requires; an arrow is a {@code requires} of another hftbus
 * module, drawn only where no longer path already implies it. Boxes stand in rows by how deep they
 * sit: {@code io.hftbus.api} at the bottom, each module above everything it requires.
 */
final class ModuleDiagram {

    private static final Pattern MODULE = Pattern.compile("\\bmodule\\s+([\\w.]+)\\s*\\{");
    private static final Pattern REQUIRES = Pattern.compile("\\brequires\\s+((?:transitive\\s+|static\\s+)*)([\\w.]+)\\s*;");

    /** How the third-party modules read in a box; a module not named here reads as its name. */
    private static final Map<String, String> THIRD_PARTY = Map.of(
            "org.jctools.core.jdk11", "JCTools",
            "org.jctools.core", "JCTools",
            "org.slf4j", "SLF4J",
            "HdrHistogram", "HdrHistogram",
            "io.nats.jnats", "jnats",
            "dagger", "Dagger",
            "jakarta.inject", "",
            "micrometer.core", "Micrometer",
            "com.fasterxml.jackson.databind", "Jackson");

    private static final int BOX_HEIGHT = 58;
    private static final int ROW_GAP = 54;
    private static final int BOX_GAP = 24;
    private static final int MARGIN = 16;
    private static final double CHAR_WIDTH = 7.4;

    /** One box: a module of the build. */
    record Node(String folder, String module, List<String> requires, List<String> thirdParty) {
    }

    private ModuleDiagram() {
    }

    /** The JPMS modules of the build under {@code root}, by module name. */
    static Map<String, Node> read(Path root) {
        Map<String, Node> nodes = new TreeMap<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().collect(Collectors.toList())) {
                Path descriptor = folder.resolve("src/main/java/module-info.java");
                if (!Files.isRegularFile(descriptor)) {
                    continue;
                }
                String source = withoutComments(Files.readString(descriptor));
                Matcher module = MODULE.matcher(source);
                if (!module.find()) {
                    throw new IllegalStateException(descriptor + " declares no module");
                }
                List<String> requires = new ArrayList<>();
                Set<String> thirdParty = new LinkedHashSet<>();
                Set<String> optionalThirdParty = new LinkedHashSet<>();
                Matcher require = REQUIRES.matcher(source);
                while (require.find()) {
                    String name = require.group(2);
                    boolean optional = require.group(1).contains("static");
                    if (name.startsWith("io.hftbus.")) {
                        requires.add(name);
                    } else if (!name.startsWith("java.") && !name.startsWith("jdk.")) {
                        String shown = THIRD_PARTY.getOrDefault(name, name);
                        if (!shown.isEmpty()) {
                            (optional ? optionalThirdParty : thirdParty).add(optional ? shown + " (optional)" : shown);
                        }
                    }
                }
                thirdParty.addAll(optionalThirdParty);
                nodes.put(module.group(1), new Node(folder.getFileName().toString(), module.group(1),
                        List.copyOf(requires), List.copyOf(thirdParty)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nodes;
    }

    /** The picture of {@code nodes}, as SVG text. */
    static String svg(Map<String, Node> nodes) {
        Map<String, Integer> rank = new HashMap<>();
        for (String module : nodes.keySet()) {
            rank(module, nodes, rank, new LinkedHashSet<>());
        }
        int top = rank.values().stream().max(Integer::compare).orElse(0);

        // Rows from the bottom up; in each, boxes in the order of where what they require stands.
        Map<String, Double> centre = new HashMap<>();
        Map<String, Integer> width = new HashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r <= top; r++) {
            int row = r;
            List<String> members = nodes.keySet().stream().filter(m -> rank.get(m) == row)
                    .sorted(Comparator.comparingDouble((String m) -> meanCentre(nodes.get(m), centre))
                            .thenComparing(m -> nodes.get(m).folder()))
                    .collect(Collectors.toList());
            rows.add(members);
            for (String member : members) {
                width.put(member, boxWidth(nodes.get(member)));
            }
            // Provisional centres, for the next row's order; the real ones come once every row is known.
            double x = 0;
            for (String member : members) {
                centre.put(member, x + width.get(member) / 2.0);
                x += width.get(member) + BOX_GAP;
            }
        }
        int canvas = rows.stream().mapToInt(row -> rowWidth(row, width)).max().orElse(0) + 2 * MARGIN;
        for (List<String> row : rows) {
            double x = (canvas - rowWidth(row, width)) / 2.0;
            for (String member : row) {
                centre.put(member, x + width.get(member) / 2.0);
                x += width.get(member) + BOX_GAP;
            }
        }
        int height = (top + 1) * BOX_HEIGHT + top * ROW_GAP + 2 * MARGIN + 22;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\">%n", canvas, height, canvas, height));
        svg.append("  <!-- Drawn by ModuleDiagramTest from the module-info.java files; do not edit by hand. -->\n");
        svg.append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/>"
                + "</marker></defs>\n");
        svg.append(String.format(Locale.ROOT, "  <rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", canvas, height));
        for (String module : nodes.keySet()) {
            for (String required : direct(module, nodes)) {
                svg.append(String.format(Locale.ROOT,
                        "  <line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" stroke-width=\"1.4\""
                                + " marker-end=\"url(#arrow)\"/>%n",
                        centre.get(module), y(rank.get(module), top) + BOX_HEIGHT, centre.get(required),
                        y(rank.get(required), top)));
            }
        }
        for (String module : nodes.keySet()) {
            Node node = nodes.get(module);
            double left = centre.get(module) - width.get(module) / 2.0;
            int y = y(rank.get(module), top);
            svg.append(String.format(Locale.ROOT, "  <g>%n    <rect x=\"%.1f\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\""
                    + " fill=\"%s\" stroke=\"#2f5d8a\" stroke-width=\"1.2\"/>%n", left, y, width.get(module), BOX_HEIGHT,
                    node.folder().equals("bus-api") ? "#dcebf7" : "#f3f7fb"));
            svg.append(text(centre.get(module), y + 19, 14, "bold", "#1b3a57", node.folder()));
            svg.append(text(centre.get(module), y + 35, 12, "normal", "#1b3a57", node.module()));
            svg.append(text(centre.get(module), y + 50, 11, "normal", "#6b6b6b", String.join(" · ", node.thirdParty())));
            svg.append("  </g>\n");
        }
        svg.append(text(canvas / 2.0, height - MARGIN + 4, 11, "normal", "#6b6b6b",
                "arrow: requires (one that a longer path implies is not drawn) · grey: the third-party modules it requires"));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The hftbus modules {@code module} requires that no other of its requirements already reaches. */
    static List<String> direct(String module, Map<String, Node> nodes) {
        List<String> requires = nodes.get(module).requires().stream().filter(nodes::containsKey)
                .collect(Collectors.toList());
        return requires.stream()
                .filter(candidate -> requires.stream().filter(other -> !other.equals(candidate))
                        .noneMatch(other -> reaches(other, candidate, nodes)))
                .sorted()
                .collect(Collectors.toList());
    }

    private static boolean reaches(String from, String to, Map<String, Node> nodes) {
        Set<String> seen = new TreeSet<>();
        List<String> frontier = new ArrayList<>(List.of(from));
        while (!frontier.isEmpty()) {
            String next = frontier.remove(frontier.size() - 1);
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next) && nodes.containsKey(next)) {
                frontier.addAll(nodes.get(next).requires());
            }
        }
        return false;
    }

    private static int rank(String module, Map<String, Node> nodes, Map<String, Integer> rank, Set<String> path) {
        Integer known = rank.get(module);
        if (known != null) {
            return known;
        }
        if (!path.add(module)) {
            throw new IllegalStateException("modules require each other in a cycle: " + path);
        }
        int deepest = -1;
        for (String required : nodes.get(module).requires()) {
            if (nodes.containsKey(required)) {
                deepest = Math.max(deepest, rank(required, nodes, rank, path));
            }
        }
        path.remove(module);
        rank.put(module, deepest + 1);
        return deepest + 1;
    }

    private static double meanCentre(Node node, Map<String, Double> centre) {
        return node.requires().stream().filter(centre::containsKey).mapToDouble(centre::get).average().orElse(0);
    }

    private static int boxWidth(Node node) {
        int longest = Math.max(node.folder().length(), Math.max(node.module().length(),
                String.join(" · ", node.thirdParty()).length() * 11 / 12));
        return (int) Math.ceil(longest * CHAR_WIDTH) + 24;
    }

    private static int rowWidth(List<String> row, Map<String, Integer> width) {
        return row.stream().mapToInt(width::get).sum() + Math.max(0, row.size() - 1) * BOX_GAP;
    }

    private static int y(int rank, int top) {
        return MARGIN + (top - rank) * (BOX_HEIGHT + ROW_GAP);
    }

    private static String text(double x, int y, int size, String weight, String colour, String content) {
        return String.format(Locale.ROOT, "    <text x=\"%.1f\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\""
                + " text-anchor=\"middle\">%s</text>%n", x, y, size, weight, colour, escape(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    /** The edges drawn, {@code from -> to}, for the tests to state what the picture shows. */
    static Map<String, List<String>> arrows(Map<String, Node> nodes) {
        Map<String, List<String>> arrows = new LinkedHashMap<>();
        for (String module : nodes.keySet()) {
            arrows.put(module, direct(module, nodes));
        }
        return arrows;
    }
}

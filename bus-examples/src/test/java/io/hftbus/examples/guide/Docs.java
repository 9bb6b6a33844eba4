package io.hftbus.examples.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README and the guides under {@code docs/}, read as the tests that keep their code honest see
 * them: fenced code blocks, each with the marker comment on the line before its fence.
 *
 * <p>A Java block carries one of three markers:
 * <ul>
 *   <li>{@code <!-- snippet: path/File.java#tag -->}: the lines between {@code // tag::tag[]} and
 *       {@code // end::tag[]} of that file, which the build compiles and a test runs
 *       ({@link DocSnippetsTest} checks the copy);</li>
 *   <li>{@code <!-- app: name/path -->}: a file of a documented application, which
 *       {@link DocumentedApplicationsTest} writes out, compiles and runs as a user would;</li>
 *   <li>{@code <!-- fragment -->}: shape only, not compiled.</li>
 * </ul>
 */
final class Docs {

    /** The comment before a fence: {@code <!-- kind: argument -->} or {@code <!-- fragment -->}. */
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*(snippet|app|fragment)\\s*:?\\s*(\\S*)\\s*-->$");

    private Docs() {
    }

    /**
     * One fenced block.
     *
     * @param file       the Markdown file
     * @param fenceLine  the line number (from 1) of its opening fence
     * @param language   the first word after the fence, or empty
     * @param markerKind {@code snippet}, {@code app}, {@code fragment}, or {@code null} without a marker
     * @param markerArgument what the marker names (a path, possibly with {@code #tag}), or empty
     * @param lines      its content, without the fences
     */
    record Block(Path file, int fenceLine, String language, String markerKind, String markerArgument,
                 List<String> lines) {

        String where() {
            return root().relativize(file) + ":" + fenceLine;
        }

        String text() {
            return String.join("\n", lines);
        }
    }

    /** The repository's root: the directory of {@code mvnw}, above this module's. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The README and every Markdown file under {@code docs/}. */
    static List<Path> markdownFiles() {
        Path root = root();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            files.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The fenced blocks of {@code file}, in order. */
    static List<Block> blocks(Path file) {
        List<String> lines = readLines(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```")) {
                continue;
            }
            String info = line.substring(3).trim();
            String language = info.isEmpty() ? "" : info.split("\\s+")[0];
            String kind = null;
            String argument = "";
            if (i > 0) {
                Matcher marker = MARKER.matcher(lines.get(i - 1).trim());
                if (marker.matches()) {
                    kind = marker.group(1);
                    argument = marker.group(2);
                }
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(root().relativize(file) + ":" + (i + 1) + ": a fence is never closed");
            }
            blocks.add(new Block(file, i + 1, language, kind, argument, List.copyOf(lines.subList(i + 1, end))));
            i = end;
        }
        return blocks;
    }

    /** Every fenced block of the README and the guides. */
    static List<Block> allBlocks() {
        return markdownFiles().stream().flatMap(file -> blocks(file).stream()).collect(Collectors.toList());
    }

    /**
     * The lines of {@code file} between {@code // tag::tag[]} and {@code // end::tag[]}, without
     * the markers of other tags inside, shifted left by their common indentation.
     *
     * @throws IllegalArgumentException if the file has no such region
     */
    static List<String> region(Path file, String tag) {
        List<String> lines = readLines(file);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            if (trimmed.equals("// tag::" + tag + "[]")) {
                start = i;
            } else if (trimmed.equals("// end::" + tag + "[]") && start >= 0) {
                end = i;
                break;
            }
        }
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException(root().relativize(file) + " has no region '" + tag
                    + "' (// tag::" + tag + "[] ... // end::" + tag + "[])");
        }
        List<String> region = lines.subList(start + 1, end).stream()
                .filter(line -> !line.trim().matches("// (tag|end)::[\\w-]+\\[\\]"))
                .collect(Collectors.toList());
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return region.stream().map(line -> line.isBlank() ? "" : line.substring(indent).stripTrailing())
                .collect(Collectors.toList());
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

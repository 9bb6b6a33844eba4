package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java in the README and the guides cannot rot: every block is a copy of compiled, tested code,
 * a file of an application that {@link DocumentedApplicationsTest} builds, or marked a fragment;
 * and every guide is linked from the README.
 *
 * <p>After changing a tagged region, copy it into the docs with
 * {@code ./mvnw -pl bus-examples -am verify -Dtest=DocSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddocs.sync=true}, which rewrites the snippet blocks from their sources instead of comparing them.
 */
class DocSnippetsTest {

    private static final boolean SYNC = Boolean.getBoolean("docs.sync");

    @Test
    void everyJavaBlockIsASnippetAnApplicationFileOrAMarkedFragment() {
        List<String> unmarked = new ArrayList<>();
        for (Docs.Block block : Docs.allBlocks()) {
            if (block.language().equals("java") && block.markerKind() == null) {
                unmarked.add(block.where());
            }
        }
        assertThat(unmarked)
                .as("Java blocks without a marker on the line before their fence: give each one"
                        + " <!-- snippet: path/File.java#tag --> (a region of compiled, tested code),"
                        + " <!-- app: name/path --> (a file of an application a test builds) or <!-- fragment -->")
                .isEmpty();
    }

    @Test
    void everySnippetIsItsSourceRegionAsWritten() throws IOException {
        Path root = Docs.root();
        List<String> stale = new ArrayList<>();
        for (Path file : Docs.markdownFiles()) {
            List<String> lines = new ArrayList<>(Docs.readLines(file));
            boolean changed = false;
            // Blocks from the last to the first, so that rewriting one keeps the others' line numbers.
            List<Docs.Block> blocks = Docs.blocks(file);
            for (int b = blocks.size() - 1; b >= 0; b--) {
                Docs.Block block = blocks.get(b);
                if (!"snippet".equals(block.markerKind())) {
                    continue;
                }
                String[] pathAndTag = block.markerArgument().split("#", 2);
                assertThat(pathAndTag).as("%s: a snippet names path#tag", block.where()).hasSize(2);
                Path source = root.resolve(pathAndTag[0]);
                assertThat(source).as("%s: the snippet's source", block.where()).isRegularFile();
                List<String> region = Docs.region(source, pathAndTag[1]);
                if (region.equals(block.lines())) {
                    continue;
                }
                if (SYNC) {
                    int first = block.fenceLine();   // the line after the fence, 0-based
                    for (int i = 0; i < block.lines().size(); i++) {
                        lines.remove(first);
                    }
                    lines.addAll(first, region);
                    changed = true;
                } else {
                    stale.add(block.where() + " differs from " + block.markerArgument() + ", which reads:\n"
                            + String.join("\n", region));
                }
            }
            if (changed) {
                Files.write(file, lines);
            }
        }
        assertThat(stale).as("snippets that differ from their source; rerun with -Ddocs.sync=true to copy them")
                .isEmpty();
    }

    @Test
    void everyGuideIsLinkedFromTheReadme() throws IOException {
        Path root = Docs.root();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher link = Pattern.compile("\\]\\((docs/[^)#\\s]+)").matcher(readme);
        List<String> linked = new ArrayList<>();
        while (link.find()) {
            linked.add(link.group(1));
        }
        List<String> guides = new ArrayList<>();
        for (Path file : Docs.markdownFiles()) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (relative.startsWith("docs/")) {
                guides.add(relative);
            }
        }
        assertThat(linked).as("the README's links into docs/").containsAll(guides);
    }
}

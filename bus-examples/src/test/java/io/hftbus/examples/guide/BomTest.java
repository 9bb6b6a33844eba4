package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bus-bom} has no parent, so that none of the build's own versions reach the applications
 * that import it; it repeats what it must instead. This keeps the copy true: the BOM's version and
 * metadata are the parent's, and it manages exactly the modules the build publishes.
 */
class BomTest {

    /** The sections of a POM whose elements are not the project's own coordinates. */
    private static final Pattern NESTED = Pattern.compile(
            "(?s)<(parent|dependencyManagement|dependencies|build|profiles|properties|licenses|developers|scm|modules)"
                    + "\\b.*?</\\1>");

    private static String read(Path pom) throws IOException {
        return Files.readString(pom).replaceAll("(?s)<!--.*?-->", "");
    }

    /** The text of the project's own element {@code name}, or empty. */
    private static String own(String pom, String name) {
        List<String> values = all(NESTED.matcher(pom).replaceAll(""), name);
        return values.isEmpty() ? "" : values.get(0);
    }

    /** The texts of every element {@code name}, anywhere. */
    private static List<String> all(String pom, String name) {
        Matcher element = Pattern.compile("(?s)<" + Pattern.quote(name) + "\\b[^>]*>(.*?)</" + Pattern.quote(name) + ">")
                .matcher(pom);
        List<String> values = new ArrayList<>();
        while (element.find()) {
            values.add(element.group(1).replaceAll("\\s+", " ").trim());
        }
        return values;
    }

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersion() throws IOException {
        Path root = Docs.root();
        String parent = read(root.resolve("pom.xml"));
        String bom = read(root.resolve("bus-bom/pom.xml"));

        TreeSet<String> published = new TreeSet<>();
        for (String module : all(parent, "module")) {
            String pom = read(root.resolve(module).resolve("pom.xml"));
            String packaging = own(pom, "packaging");
            boolean deployed = !all(pom, "maven.deploy.skip").contains("true");
            if (deployed && (packaging.isEmpty() || packaging.equals("jar"))) {
                published.add(own(pom, "artifactId"));
            }
        }
        TreeSet<String> managed = new TreeSet<>();
        for (String dependency : all(bom, "dependency")) {
            managed.addAll(all(dependency, "artifactId"));
            assertThat(all(dependency, "version")).containsExactly("${project.version}");
        }

        assertThat(published).as("the published modules").contains("bus-api", "bus-core", "bus-stats", "bus-recorder");
        assertThat(managed).as("the modules bus-bom manages").isEqualTo(published);
        assertThat(own(bom, "version")).as("bus-bom's version").isEqualTo(own(parent, "version"));
        assertThat(own(bom, "groupId")).isEqualTo(own(parent, "groupId"));
    }

    @Test
    void theBomCarriesTheMetadataOfTheParent() throws IOException {
        Path root = Docs.root();
        String parent = read(root.resolve("pom.xml"));
        String bom = read(root.resolve("bus-bom/pom.xml"));
        List<String> url = all(parent, "hftbus.url");
        assertThat(url).as("the parent's <hftbus.url>").hasSize(1);
        String withUrl = bom.replace(url.get(0), "${hftbus.url}");

        assertThat(own(withUrl, "url")).isEqualTo("${hftbus.url}");
        assertThat(own(bom, "inceptionYear")).isEqualTo(own(parent, "inceptionYear"));
        assertThat(all(bom, "licenses")).isEqualTo(all(parent, "licenses"));
        assertThat(all(withUrl, "developers")).isEqualTo(all(parent, "developers"));
        assertThat(all(withUrl, "connection")).isEqualTo(all(parent, "connection"));
        assertThat(all(withUrl, "developerConnection")).isEqualTo(all(parent, "developerConnection"));
        assertThat(bom).doesNotContain("<parent>");
    }
}

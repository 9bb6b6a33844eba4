package io.hftbus.examples.guide;

import static io.hftbus.examples.guide.ApplicationBuild.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The applications the README and the guides show, built from the docs as they stand: every block
 * marked {@code <!-- app: name/path -->} is written to {@code target/documented-apps/name/path},
 * compiled and run on the module path in fresh JDK processes. The README's quick start runs with
 * the core and SLF4J's simple provider; the Dagger guide's application with the statistics, the
 * recorder and Dagger. CI builds the same folders with Maven from the installed artifacts.
 */
class DocumentedApplicationsTest {

    private static final Path APPS = Path.of("target", "documented-apps");

    /** Writes out the files of application {@code name} from the docs; returns its folder. */
    private static Path writeOut(String name) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Docs.Block block : Docs.allBlocks()) {
            if ("app".equals(block.markerKind()) && block.markerArgument().startsWith(name + "/")) {
                String previous = files.put(block.markerArgument(), block.text() + "\n");
                assertThat(previous).as("%s: %s is shown twice", block.where(), block.markerArgument()).isNull();
            }
        }
        assertThat(files).as("the docs' files of application '%s'", name).isNotEmpty();
        Path folder = APPS.resolve(name).toAbsolutePath();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = APPS.resolve(file.getKey()).toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return folder;
    }

    @Test
    void theReadmeQuickStartRunsOnTheModulePathAndLogsThroughAProvider() throws Exception {
        Path app = writeOut("quickstart");
        Path classes = app.resolve("target/classes");

        String compiled = ApplicationBuild.compile(app.resolve("src/main/java"), classes,
                ApplicationBuild.jars(List.of("bus-api")), false);
        String output = ApplicationBuild.run(classes,
                ApplicationBuild.jars(concat(ApplicationBuild.HFTBUS, ApplicationBuild.SLF4J_SIMPLE)),
                List.of("--add-modules", "org.slf4j.simple"),
                "com.example.quickstart/com.example.quickstart.QuickStart");

        assertThat(compiled).as("the quick start compiles against bus-api alone, without a warning").isEmpty();
        assertThat(output).contains("Received: MarketDataEvent[timestamp=1234567890, symbol=ES, price=6000.0")
                .doesNotContain("SLF4J(W)")
                .doesNotContain("WARNING");
    }

    @Test
    void theDaggerGuidesApplicationRunsWithStatsAndRecorderOnTheModulePath() throws Exception {
        Path app = writeOut("trading");
        Path classes = app.resolve("target/classes");
        List<String> modulePath = ApplicationBuild.jars(concat(ApplicationBuild.HFTBUS, ApplicationBuild.DAGGER));

        String compiled = ApplicationBuild.compile(app.resolve("src/main/java"), classes, modulePath, true);
        String output = ApplicationBuild.run(classes, concat(modulePath,
                ApplicationBuild.jars(ApplicationBuild.SLF4J_SIMPLE)), List.of("--add-modules", "org.slf4j.simple"),
                "com.example.trading/com.example.trading.TradingApp");

        assertThat(compiled).as("the application compiles without a warning").isEmpty();
        assertThat(output).contains("received ES on bus trading", "market data: published 1, received 1",
                "recorded 1 event(s)").doesNotContain("SLF4J(W)");
    }

    @Test
    void theDaggerGuidesPomAsksForThisBuildsVersions() throws IOException {
        writeOut("trading");
        String pom = Files.readString(APPS.resolve("trading/pom.xml"));
        String parent = Files.readString(Docs.root().resolve("pom.xml"));

        assertThat(property(pom, "hftbus.version")).as("the guide's hftbus version")
                .isEqualTo(element(parent, "version"));
        assertThat(property(pom, "dagger.version")).as("the guide's Dagger version")
                .isEqualTo(property(parent, "dagger.version"));
        assertThat(pom).contains("<artifactId>bus-bom</artifactId>").contains("<artifactId>dagger-compiler</artifactId>");
    }

    @Test
    void theReadmesDependencySnippetAsksForThisBuildsBomAndItsModules() throws IOException {
        String xml = Docs.blocks(Docs.root().resolve("README.md")).stream().filter(b -> b.language().equals("xml"))
                .map(Docs.Block::text).filter(text -> text.contains("bus-bom")).findFirst()
                .orElseThrow(() -> new AssertionError("the README shows no dependency snippet with bus-bom"));
        String parent = Files.readString(Docs.root().resolve("pom.xml"));
        String bom = Files.readString(Docs.root().resolve("bus-bom/pom.xml"));

        assertThat(xml).contains("<artifactId>bus-bom</artifactId>\n      <version>" + element(parent, "version")
                + "</version>");
        Matcher artifact = Pattern.compile("<groupId>io.hftbus</groupId>\\s*<artifactId>(bus-[a-z]+)</artifactId>")
                .matcher(xml);
        while (artifact.find()) {
            assertThat(bom).as("bus-bom manages %s", artifact.group(1))
                    .contains("<artifactId>" + artifact.group(1) + "</artifactId>");
        }
    }

    private static String property(String pom, String name) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(value.find()).as("a <%s> property", name).isTrue();
        return value.group(1);
    }

    /** The project's own element, the first one after its artifactId. */
    private static String element(String pom, String name) {
        Matcher value = Pattern.compile("<artifactId>hftbus-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(value.find()).as("the parent's %s", name).isTrue();
        return value.group(1);
    }
}

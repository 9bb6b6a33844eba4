package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/modules.svg}, the README's picture of the modules, is what the module descriptors
 * draw today. After adding a module or a {@code requires}, redraw it with
 * {@code ./mvnw -pl bus-examples -am verify -Dtest=ModuleDiagramTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddocs.sync=true}.
 */
class ModuleDiagramTest {

    @Test
    void thePictureInDocsIsTheOneTheModuleDescriptorsDraw() throws IOException {
        Path picture = Docs.root().resolve("docs/modules.svg");
        String drawn = ModuleDiagram.svg(ModuleDiagram.read(Docs.root()));
        if (Boolean.getBoolean("docs.sync")) {
            Files.writeString(picture, drawn);
        }
        assertThat(picture).as("docs/modules.svg; rerun with -Ddocs.sync=true to redraw it").exists();
        assertThat(Files.readString(picture))
                .as("docs/modules.svg is stale: rerun with -Ddocs.sync=true to redraw it").isEqualTo(drawn);
    }

    @Test
    void anArrowIsARequiresThatNoLongerPathImplies() {
        Map<String, ModuleDiagram.Node> modules = Map.of(
                "io.hftbus.api", new ModuleDiagram.Node("bus-api", "io.hftbus.api", List.of(), List.of()),
                "io.hftbus.core", new ModuleDiagram.Node("bus-core", "io.hftbus.core", List.of("io.hftbus.api"),
                        List.of("JCTools")),
                "io.hftbus.examples", new ModuleDiagram.Node("bus-examples", "io.hftbus.examples",
                        List.of("io.hftbus.api", "io.hftbus.core"), List.of()));

        assertThat(ModuleDiagram.arrows(modules)).containsEntry("io.hftbus.examples", List.of("io.hftbus.core"))
                .containsEntry("io.hftbus.core", List.of("io.hftbus.api"))
                .containsEntry("io.hftbus.api", List.of());
    }

    @Test
    void theBuildsModulesAreReadWithTheirRequirements() {
        Map<String, ModuleDiagram.Node> modules = ModuleDiagram.read(Docs.root());

        assertThat(modules).containsKeys("io.hftbus.api", "io.hftbus.core", "io.hftbus.stats", "io.hftbus.recorder");
        assertThat(modules.get("io.hftbus.core").thirdParty()).contains("JCTools", "SLF4J", "Dagger (optional)");
        assertThat(modules.get("io.hftbus.api").requires()).isEmpty();
    }
}

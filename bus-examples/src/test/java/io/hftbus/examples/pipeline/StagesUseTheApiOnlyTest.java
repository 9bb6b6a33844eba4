package io.hftbus.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stages are application code: they may use {@code io.hftbus.api} and nothing else of hftbus.
 * Checked on the compiled classes, whose constant pools name every class they touch (imports,
 * fully qualified names and inherited members alike), and on the sources' imports.
 */
class StagesUseTheApiOnlyTest {

    /** An internal class name of hftbus, as it appears in a constant pool or a descriptor. */
    private static final Pattern HFTBUS_CLASS = Pattern.compile("io/hftbus/[A-Za-z0-9_/$]+");

    private static final Pattern HFTBUS_IMPORT = Pattern.compile("^import\\s+(static\\s+)?(io\\.hftbus\\.[\\w.]+)",
            Pattern.MULTILINE);

    @Test
    void compiledStagesReferNoHftbusClassOutsideTheApiAndTheirOwnPackage() throws Exception {
        Path packageDir = classesOf(Pipeline.class);
        List<Path> classFiles;
        try (Stream<Path> files = Files.list(packageDir)) {
            classFiles = files.filter(file -> file.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertThat(classFiles).as("class files of %s", packageDir).hasSizeGreaterThan(10);

        Set<String> referenced = new TreeSet<>();
        for (Path classFile : classFiles) {
            // Constant-pool UTF-8 entries of ASCII names are the names' bytes: a Latin-1 view finds them.
            Matcher matcher = HFTBUS_CLASS.matcher(new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1));
            while (matcher.find()) {
                referenced.add(matcher.group());
            }
        }
        assertThat(referenced).as("hftbus classes the stages refer to")
                .anyMatch(name -> name.startsWith("io/hftbus/api/"))
                .allMatch(name -> name.startsWith("io/hftbus/api/") || name.startsWith("io/hftbus/examples/pipeline/"));
    }

    @Test
    void stageSourcesImportNothingOfHftbusButTheApi() throws IOException {
        Path sources = Path.of("src", "main", "java", "io", "hftbus", "examples", "pipeline");
        assertThat(sources).isDirectory();
        Set<String> imports = new TreeSet<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path source : files.filter(file -> file.toString().endsWith(".java")).collect(Collectors.toList())) {
                Matcher matcher = HFTBUS_IMPORT.matcher(Files.readString(source));
                while (matcher.find()) {
                    imports.add(matcher.group(2));
                }
            }
        }
        assertThat(imports).isNotEmpty().allMatch(name -> name.startsWith("io.hftbus.api."));
    }

    private static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getResource(type.getSimpleName() + ".class").toURI()).getParent();
    }
}

package io.hftbus.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.testing.ModulePathLauncher;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds an application the way its users do, in fresh JDK processes: {@code javac} on the module
 * path (with Dagger's processor when asked), then {@code java -p ... -m ...}. The jars come from this
 * test run's own paths, picked by name, so that each application sees exactly the modules it is
 * documented to need and nothing else.
 */
final class ApplicationBuild {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    /** The hftbus modules, and the third-party modules they require, by the names of their jars. */
    static final List<String> HFTBUS = List.of("bus-api", "bus-core", "bus-stats", "bus-codec", "bus-recorder",
            "jctools-core-[0-9]", "jctools-core-jdk11-", "slf4j-api-", "HdrHistogram-");
    /** Dagger and the inject APIs its generated code uses. */
    static final List<String> DAGGER = List.of("dagger-[0-9]", "jakarta.inject-api-", "javax.inject-", "jspecify-");
    /** SLF4J's simple provider. */
    static final List<String> SLF4J_SIMPLE = List.of("slf4j-simple-");

    private ApplicationBuild() {
    }

    /**
     * The entries of this test run's class and module paths whose file name starts with one of
     * {@code patterns} (regular expressions), or, for our modules' class directories, whose path
     * names the module's folder. Test classes and test jars never count.
     */
    static List<String> jars(List<String> patterns) {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank() && !entry.contains("test-classes") && !entry.endsWith("-tests.jar")) {
                        entries.add(entry);
                    }
                }
            }
        }
        List<String> picked = new ArrayList<>();
        for (String pattern : patterns) {
            Pattern name = Pattern.compile("^" + pattern + ".*");
            List<String> matches = entries.stream()
                    .filter(entry -> name.matcher(Path.of(entry).getFileName().toString()).matches()
                            || (pattern.startsWith("bus-") && entry.contains(File.separator + pattern + File.separator)))
                    .collect(Collectors.toList());
            assertThat(matches).as("the test run's paths hold %s", pattern).isNotEmpty();
            picked.addAll(matches);
        }
        return picked;
    }

    /** Every jar of this test run's paths: where the processors come from (Dagger's, with its dependencies). */
    static List<String> processorPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (entry.endsWith(".jar") && !entry.endsWith("-tests.jar")) {
                        entries.add(entry);
                    }
                }
            }
        }
        return List.copyOf(entries);
    }

    /**
     * Compiles every {@code .java} file under {@code sources} into {@code classes}, with lint on and
     * warnings as errors, against {@code modulePath}; with Dagger's processor if {@code dagger}.
     * Returns what javac printed.
     */
    static String compile(Path sources, Path classes, List<String> modulePath, boolean dagger)
            throws IOException, InterruptedException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted()
                    .collect(Collectors.toList());
        }
        List<String> command = new ArrayList<>(List.of(ModulePathLauncher.tool("javac"), "--release", "17",
                // Every lint but two: Dagger is an automatic module (docs/modules.md), and its
                // processor claims no annotation on purpose.
                "-Xlint:all", "-Xlint:-requires-automatic", "-Xlint:-processing", "-Werror", "-d", classes.toString(),
                "--module-path", String.join(File.pathSeparator, modulePath)));
        if (dagger) {
            command.addAll(List.of("-processorpath", String.join(File.pathSeparator, processorPath()),
                    "-s", classes.resolveSibling("generated").toString()));
        } else {
            command.add("-proc:none");
        }
        command.addAll(files);
        ModulePathLauncher.Result result = ModulePathLauncher.run(command, DEADLINE);
        assertThat(result.ended()).as("javac ends in time").isTrue();
        assertThat(result.exitCode()).as("javac %s%n%s", String.join(" ", files), result.output()).isZero();
        return result.output();
    }

    /**
     * Runs {@code module/mainClass} with {@code java --module-path classes:modulePath}, after
     * {@code options}; fails unless it exits with 0 in time. Returns what it printed, both streams.
     */
    static String run(Path classes, List<String> modulePath, List<String> options, String main)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ModulePathLauncher.tool("java"), "--module-path",
                classes + File.pathSeparator + String.join(File.pathSeparator, modulePath)));
        command.addAll(options);
        command.addAll(List.of("--module", main));
        ModulePathLauncher.Result result = ModulePathLauncher.run(command, DEADLINE);
        assertThat(result.ended()).as("%s ends in time", main).isTrue();
        assertThat(result.exitCode()).as("%s exit code; output:%n%s", main, result.output()).isZero();
        return result.output();
    }

    /** {@code a} then {@code b}. */
    static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }
}

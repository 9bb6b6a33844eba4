package io.hftbus.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Launches JDK tools in a fresh process the way users do ({@code java -p ... -m ...}), for the
 * tests that prove the JPMS packaging: a test runner's own class or module path cannot show that.
 */
public final class ModulePathLauncher {

    private ModulePathLauncher() {
    }

    /** What a launched tool did. */
    public record Result(boolean ended, int exitCode, String output) {
    }

    /**
     * Every entry of this test run's module path, then of its class path, once each and in order:
     * what a child JVM needs to see the same classes.
     */
    public static List<String> thisRunsPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(entry);
                    }
                }
            }
        }
        return List.copyOf(entries);
    }

    /**
     * The entries of this test run's module and class paths whose location names one of
     * {@code artifacts}: main classes and jars only, never test classes or test jars.
     *
     * @throws IOException unless an entry names {@code required}
     */
    public static List<String> runtimeModulePath(List<String> artifacts, String required) throws IOException {
        List<String> path = thisRunsPath().stream()
                .filter(entry -> artifacts.stream().anyMatch(entry::contains))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .filter(entry -> Files.exists(Path.of(entry)))
                .collect(Collectors.toList());
        if (path.stream().noneMatch(entry -> entry.contains(required))) {
            throw new IOException(required + " not found in " + thisRunsPath());
        }
        return path;
    }

    /** The path of a tool of the running JDK, for example {@code java} or {@code javac}. */
    public static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Runs a command, its error stream merged into its output; kills it if it outlives the timeout. */
    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(ended, ended ? process.exitValue() : -1, output);
    }
}

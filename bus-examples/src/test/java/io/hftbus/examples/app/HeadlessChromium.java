package io.hftbus.examples.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven through its chromedriver by Selenium, with an empty profile of
 * its own; for the browser tests, one per test class. A missing browser is a failure that says how
 * to install it, never a skip.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private final Path profile;
    private final ChromeDriver driver;

    HeadlessChromium() throws IOException {
        String chromium = executable("chromium");
        String chromedriver = executable("chromedriver");
        profile = Files.createTempDirectory("hftbus-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // No internet here: without these flags Chromium keeps trying to reach it.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1400");
        // The page's console, for the message of a failure.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns what it returns. */
    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** What the page wrote to its console, or why it cannot be read. */
    String console() {
        try {
            StringBuilder lines = new StringBuilder();
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> lines.append(entry).append('\n'));
            return lines.toString();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The path of an installed program, or a failure that says how to install it. */
    private static String executable(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File file = new File(directory, name);
            if (file.canExecute()) {
                return file.getPath();
            }
        }
        throw new AssertionError("this test drives headless Chromium, but '" + name + "' is not installed: "
                + INSTALL + " (Debian), then rerun");
    }
}

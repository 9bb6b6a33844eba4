package io.hftbus.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of virtual threads for the length of a test: every {@code jdk.VirtualThreadPinned}
 * event, whatever its duration (the JDK's default threshold is 20 ms), with its stack trace, and
 * every {@code jdk.VirtualThreadStart}, which shows that the recording saw the test's threads. The
 * file is kept under {@code target/jfr/} for a look with {@code jfr print}.
 */
final class PinningRecorder implements AutoCloseable {

    static final String PINNED = "jdk.VirtualThreadPinned";
    static final String STARTED = "jdk.VirtualThreadStart";

    private final Recording recording = new Recording();
    private final Path file;

    PinningRecorder(String name) throws IOException {
        Path directory = Path.of("target", "jfr");
        Files.createDirectories(directory);
        file = directory.resolve(name + ".jfr");
        recording.setName("virtual-threads-" + name);
        recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
        recording.enable(STARTED);
        recording.start();
    }

    /** Stops the recording and reads back what it recorded of the two events. */
    List<RecordedEvent> stop() throws IOException {
        recording.stop();
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(PINNED) || e.getEventType().getName().equals(STARTED))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        recording.close();
    }

    /** At least {@code threads} virtual threads were seen starting, and none was pinned. */
    static void assertNoPinning(List<RecordedEvent> recorded, int threads) {
        long started = recorded.stream().filter(e -> e.getEventType().getName().equals(STARTED)).count();
        assertThat(started).as("virtual threads the recording saw start").isGreaterThanOrEqualTo(threads);
        List<String> pinned = recorded.stream().filter(e -> e.getEventType().getName().equals(PINNED))
                .limit(5).map(RecordedEvent::toString).collect(Collectors.toList());
        assertThat(pinned).as("jdk.VirtualThreadPinned events (the first five)").isEmpty();
    }
}

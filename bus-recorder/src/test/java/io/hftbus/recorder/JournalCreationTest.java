package io.hftbus.recorder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal that cannot be created is refused with the real reason, naming the file. */
class JournalCreationTest {

    @TempDir
    Path dir;

    @Test
    void aJournalInAMissingDirectorySaysTheDirectoryIsMissing() {
        Path file = dir.resolve("no-such-dir").resolve("session.journal");

        assertThatThrownBy(() -> BusRecorder.create(RecorderConfig.defaults().withJournal(file)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot create the journal " + file + ": the directory " + file.getParent()
                        + " does not exist");
    }

    @Test
    void anExistingJournalSaysItExists() throws IOException {
        Path file = Files.writeString(dir.resolve("exists.journal"), "precious");

        assertThatThrownBy(() -> BusRecorder.create(RecorderConfig.defaults().withJournal(file)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot create the journal " + file
                        + ": it exists already, and a journal is never appended to nor overwritten");
    }
}

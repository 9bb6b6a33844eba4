package io.hftbus.recorder;

import io.hftbus.testing.SampleEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import io.hftbus.api.EventBus;
import io.hftbus.api.recorder.EventRecorder;
import io.hftbus.api.recorder.JournalStatus;
import io.hftbus.core.CoreModule;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderComponentTest {

    @Singleton
    @Component(modules = {CoreModule.class, RecorderModule.class})
    interface RecordedBus {
        EventBus bus();

        EventRecorder recorder();
    }

    @Singleton
    @Component(modules = {CoreModule.class, RecorderModule.class})
    interface ConfiguredRecordedBus {
        EventBus bus();

        EventRecorder recorder();

        @Component.Builder
        interface Builder {
            @BindsInstance
            Builder recorderConfig(RecorderConfig config);

            ConfiguredRecordedBus build();
        }
    }

    @Test
    void coreAndRecorderModulesGiveTheBusTheRecorderAsItsOnlyObserver() {
        RecordedBus component = DaggerRecorderComponentTest_RecordedBus.create();
        EventRecorder recorder = component.recorder();
        try (EventBus bus = component.bus()) {
            assertThat(bus.config().observers()).containsExactly((BusRecorder) recorder);
            assertThat(component.recorder()).isSameAs(recorder);
            bus.publish(SampleEvents.esTick(1));
        }
        assertThat(recorder.capacity()).isEqualTo(131_072);
        assertThat(recorder.journal()).isEmpty();
        assertThat(recorder.events()).extracting(e -> (io.hftbus.api.event.Event) e.event()).containsExactly(SampleEvents.esTick(1));
    }

    @Test
    void aBoundRecorderConfigSetsTheRingAndTheJournal(@TempDir Path dir) {
        Path file = dir.resolve("component.journal");
        ConfiguredRecordedBus component = DaggerRecorderComponentTest_ConfiguredRecordedBus.builder()
                .recorderConfig(RecorderConfig.withRecording(16).withJournal(file))
                .build();
        EventRecorder recorder = component.recorder();
        try (EventBus bus = component.bus()) {
            for (int i = 0; i < 20; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
        }
        assertThat(recorder.capacity()).isEqualTo(16);
        assertThat(recorder.overwrittenCount()).isEqualTo(4);
        JournalStatus journal = recorder.journal().orElseThrow();
        assertThat(journal.path()).isEqualTo(file);
        assertThat(journal.closed()).isTrue();
        assertThat(journal.eventsWritten()).isEqualTo(20);
    }
}

package io.hftbus.stats;

import static io.hftbus.testing.SampleEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import dagger.Component;
import io.hftbus.api.BusObserver;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.stats.BusStats;
import io.hftbus.api.stats.TypeStats;
import io.hftbus.core.CoreModule;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which observers the Dagger-built bus gets with and without {@link StatsModule}. */
class StatsModuleComponentTest {

    /** Core alone. */
    @Singleton
    @Component(modules = CoreModule.class)
    interface CoreOnly {
        EventBus bus();

        Set<BusObserver> observers();
    }

    /** Core and statistics. */
    @Singleton
    @Component(modules = {CoreModule.class, StatsModule.class})
    interface CoreWithStats {
        EventBus bus();

        BusStats stats();

        StatsCollector collector();

        Set<BusObserver> observers();
    }

    @Test
    void coreAloneGivesTheBusNoObserver() {
        CoreOnly component = DaggerStatsModuleComponentTest_CoreOnly.create();
        try (EventBus bus = component.bus()) {
            assertThat(component.observers()).isEmpty();
            assertThat(bus.config().observers()).isEmpty();
        }
    }

    @Test
    void statsModuleGivesTheBusItsCollectorWhichCountsWhatIsPublished() {
        CoreWithStats component = DaggerStatsModuleComponentTest_CoreWithStats.create();
        BusStats stats = component.stats();
        assertThat(stats).isSameAs(component.collector()).isSameAs(component.stats());
        assertThat(component.observers()).containsExactly(component.collector());

        EventBus bus = component.bus();
        assertThat(bus.config().observers()).containsExactly(component.collector());
        AtomicLong handled = new AtomicLong();
        bus.subscribe(MarketDataEvent.class, envelope -> handled.incrementAndGet());
        for (int i = 0; i < 25; i++) {
            bus.publish(tick(i));
        }
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        TypeStats marketData = stats.of(EventType.MARKET_DATA);
        assertThat(marketData.published()).isEqualTo(25);
        assertThat(marketData.received()).isEqualTo(handled.get()).isEqualTo(25);
        assertThat(stats.snapshot().lanes()).allSatisfy(lane -> assertThat(lane.capacity()).isPositive());
    }
}

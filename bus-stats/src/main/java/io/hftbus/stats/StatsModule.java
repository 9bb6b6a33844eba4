package io.hftbus.stats;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.hftbus.api.BusObserver;
import io.hftbus.api.stats.BusStats;
import jakarta.inject.Singleton;

/**
 * Dagger module of the statistics: provides one {@link Singleton} {@link StatsCollector}, binds it
 * as the {@link BusStats} view, and contributes it to the {@code Set<BusObserver>} from which
 * {@code CoreModule} builds the bus. A component that does not name this module gets no
 * statistics and pays nothing for them.
 *
 * <pre>{@code
 * @Singleton
 * @Component(modules = {CoreModule.class, StatsModule.class})
 * interface TradingBus {
 *     EventBus bus();
 *     BusStats stats();
 * }
 * }</pre>
 *
 * <p>The collector has the default latency range and precision of {@link StatsCollector#StatsCollector()}.
 */
@Module
public abstract class StatsModule {

    private StatsModule() {
    }

    /** The component's one collector. */
    @Provides
    @Singleton
    static StatsCollector statsCollector() {
        return new StatsCollector();
    }

    /** The read-only view of the collector. */
    @Binds
    abstract BusStats busStats(StatsCollector collector);

    /** The collector as one of the bus's observers. */
    @Binds
    @IntoSet
    abstract BusObserver observer(StatsCollector collector);
}

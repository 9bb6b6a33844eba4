package io.hftbus.core;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import io.hftbus.api.BusConfig;
import io.hftbus.api.BusObserver;
import io.hftbus.api.EventBus;
import io.hftbus.core.internal.CoreEventBus;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * Dagger module that provides the {@link Singleton} {@link EventBus}.
 *
 * <p>The bus is built from a {@link BusConfig} if the component binds one (for example with
 * {@code @BindsInstance} or a {@code @Provides} method), else from {@link BusConfig#defaults()}.
 * Every {@link BusObserver} contributed to the {@code Set<BusObserver>} multibinding (by the
 * {@code StatsModule} and {@code RecorderModule}, or by the application with {@code @IntoSet}) is
 * given to the bus after the observers named in the config; the set may be empty.
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
 * <p>The component does not close the bus: the application does, when it shuts down.
 */
@Module
public abstract class CoreModule {

    private CoreModule() {
    }

    /** The observers contributed by other modules; declared so that the set may be empty. */
    @Multibinds
    abstract Set<BusObserver> observers();

    /** The application's configuration, if it binds one. */
    @BindsOptionalOf
    abstract BusConfig config();

    /** The bus, started. */
    @Provides
    @Singleton
    static EventBus eventBus(Optional<BusConfig> config, Set<BusObserver> observers) {
        return new CoreEventBus(config.orElseGet(BusConfig::defaults).withObservers(observers));
    }
}

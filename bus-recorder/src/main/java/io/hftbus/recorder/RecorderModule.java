package io.hftbus.recorder;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.hftbus.api.BusObserver;
import io.hftbus.api.recorder.EventRecorder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Dagger module that records the bus: binds the {@link EventRecorder} view and contributes the
 * recorder to the bus's {@code Set<BusObserver>}. Name it beside {@code CoreModule}:
 *
 * <pre>{@code
 * @Singleton
 * @Component(modules = {CoreModule.class, RecorderModule.class})
 * interface TradingBus {
 *     EventBus bus();
 *     EventRecorder recorder();
 *
 *     @Component.Builder
 *     interface Builder {
 *         @BindsInstance Builder recorderConfig(RecorderConfig config);   // optional
 *         TradingBus build();
 *     }
 * }
 * }</pre>
 *
 * <p>The recorder is built from the component's {@link RecorderConfig} if it binds one, else from
 * {@link RecorderConfig#defaults()} (a ring of 100,000 envelopes, no journal). It is a
 * {@link Singleton}, as the bus it records.
 */
@Module
public abstract class RecorderModule {

    private RecorderModule() {
    }

    /** The application's settings, if it binds them. */
    @BindsOptionalOf
    abstract RecorderConfig config();

    /** The recorder. */
    @Provides
    @Singleton
    static BusRecorder recorder(Optional<RecorderConfig> config) {
        return BusRecorder.create(config.orElseGet(RecorderConfig::defaults));
    }

    /** The recorder as the API's view. */
    @Binds
    abstract EventRecorder eventRecorder(BusRecorder recorder);

    /** The recorder as one of the bus's observers. */
    @Binds
    @IntoSet
    abstract BusObserver observer(BusRecorder recorder);
}

package io.hftbus.examples.app;

import dagger.BindsInstance;
import dagger.Component;
import io.hftbus.api.BusConfig;
import io.hftbus.api.EventBus;
import io.hftbus.api.stats.BusStats;
import io.hftbus.core.CoreModule;
import io.hftbus.recorder.BusRecorder;
import io.hftbus.recorder.RecorderConfig;
import io.hftbus.recorder.RecorderModule;
import io.hftbus.stats.StatsModule;
import jakarta.inject.Singleton;

/**
 * The trading application's bus, assembled by Dagger: the core's bus, watched by the statistics
 * collector and the recorder, which join it through the {@code Set<BusObserver>} multibinding.
 * The stages never see this: they get the {@link EventBus} and the {@link BusStats} view.
 */
@Singleton
@Component(modules = {CoreModule.class, StatsModule.class, RecorderModule.class})
interface TradingComponent {

    /** The bus, started; the application closes it. */
    EventBus bus();

    /** The bus's statistics. */
    BusStats stats();

    /** The recorder, with its journal if one was configured. */
    BusRecorder recorder();

    /** Binds the configurations of the bus and of the recorder. */
    @Component.Builder
    interface Builder {

        /** The bus's settings. */
        @BindsInstance
        Builder busConfig(BusConfig config);

        /** The recorder's settings. */
        @BindsInstance
        Builder recorderConfig(RecorderConfig config);

        /** The component. */
        TradingComponent build();
    }
}

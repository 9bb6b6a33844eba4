package io.hftbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.hftbus.api.BusConfig;
import io.hftbus.api.BusObserver;
import io.hftbus.api.EventBus;
import io.hftbus.api.event.OrderEvent;
import io.hftbus.api.event.EventType;
import io.hftbus.testing.Await;
import io.hftbus.testing.SampleEvents;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoreModuleTest {

    @Singleton
    @Component(modules = CoreModule.class)
    interface CoreOnly {
        EventBus bus();
    }

    @Singleton
    @Component(modules = {CoreModule.class, ObserverModule.class})
    interface Configured {
        EventBus bus();

        @Component.Factory
        interface Factory {
            Configured create(@BindsInstance BusConfig config, @BindsInstance CountingObserver observer);
        }
    }

    @Module
    interface ObserverModule {
        @Provides
        @IntoSet
        static BusObserver observer(CountingObserver observer) {
            return observer;
        }
    }

    @Test
    void coreModuleAloneProvidesOneDefaultBusWithNoObservers() {
        CoreOnly component = DaggerCoreModuleTest_CoreOnly.create();
        try (EventBus bus = component.bus()) {
            assertThat(component.bus()).isSameAs(bus);
            assertThat(bus.config().observers()).isEmpty();
            assertThat(bus.config()).isEqualTo(BusConfig.defaults());
            AtomicInteger orders = new AtomicInteger();
            bus.subscribe(OrderEvent.class, e -> orders.incrementAndGet());
            bus.publish(SampleEvents.of(EventType.ORDER, 1));
            Await.until("the order", () -> orders.get() == 1);
        }
    }

    @Test
    void aBoundConfigAndContributedObserversShapeTheBus() {
        CountingObserver observer = new CountingObserver();
        BusConfig config = EventBus.builder().name("dagger").laneCapacity(64).config();
        Configured component = DaggerCoreModuleTest_Configured.factory().create(config, observer);
        try (EventBus bus = component.bus()) {
            assertThat(bus.name()).isEqualTo("dagger");
            assertThat(bus.laneCapacity(io.hftbus.api.Priority.CRITICAL)).isEqualTo(64);
            assertThat(bus.config().observers()).containsExactly(observer);
            assertThat(observer.attached).isSameAs(bus);
            bus.publish(SampleEvents.of(EventType.ORDER, 1));
            assertThat(observer.published.get()).isEqualTo(1);
        }
    }
}

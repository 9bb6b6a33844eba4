package io.hftbus.api.spi;

import io.hftbus.api.BusConfig;
import io.hftbus.api.EventBus;

/**
 * Makes buses. Implementations are found by {@link java.util.ServiceLoader}: a module
 * {@code provides io.hftbus.api.spi.EventBusProvider with ...}, or a jar lists its implementation in
 * {@code META-INF/services/io.hftbus.api.spi.EventBusProvider}. Applications do not call this; they
 * call {@link EventBus#create()} or {@link EventBus#builder()}.
 */
public interface EventBusProvider {

    /**
     * Builds and starts a bus.
     *
     * @param config validated settings
     * @return a running bus, owned by the caller, who must close it
     */
    EventBus create(BusConfig config);
}

package io.hftbus.core.internal;

import io.hftbus.api.BusConfig;
import io.hftbus.api.EventBus;
import io.hftbus.api.spi.EventBusProvider;

/** The {@link EventBusProvider} that {@code EventBus.create()} finds through {@code ServiceLoader}. */
public final class CoreEventBusProvider implements EventBusProvider {

    /** Called by {@code ServiceLoader}. */
    public CoreEventBusProvider() {
    }

    @Override
    public EventBus create(BusConfig config) {
        if (config == null) {
            throw new NullPointerException("config must not be null");
        }
        return new CoreEventBus(config);
    }
}

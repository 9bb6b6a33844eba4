/**
 * The hftbus implementation: one bounded JCTools MPMC lane per priority, drained by priority
 * dispatch threads. Applications do not compile against it: it provides the API's
 * {@link io.hftbus.api.spi.EventBusProvider} for {@code EventBus.create()}, the Dagger
 * {@link io.hftbus.core.CoreModule} for components, and its idle strategies
 * ({@link io.hftbus.core.idle}) for any polling thread.
 */
// The requires-automatic lint is off (see the parent pom): Dagger ships as an automatic module.
module io.hftbus.core {
    requires transitive io.hftbus.api;
    requires org.jctools.core.jdk11;
    requires org.slf4j;
    // Only CoreModule and the factories Dagger generates for it use these, and only a Dagger
    // component loads them: EventBus.create() and the builder run without a Dagger jar.
    requires static dagger;
    requires static jakarta.inject;

    exports io.hftbus.core;
    exports io.hftbus.core.idle;

    provides io.hftbus.api.spi.EventBusProvider with io.hftbus.core.internal.CoreEventBusProvider;
}

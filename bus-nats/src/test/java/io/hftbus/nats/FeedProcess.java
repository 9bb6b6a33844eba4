package io.hftbus.nats;

import io.hftbus.api.EventBus;
import io.hftbus.api.event.EventType;
import io.hftbus.bridge.Bridge;
import io.hftbus.bridge.BridgeConfig;
import io.hftbus.testing.SampleEvents;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The other process of {@link TwoProcessTest}: a bus named {@code proc-a} that sends {@code count}
 * ticks through its bridge to the server at {@code url}, waits for their acknowledgements, and
 * exits 0 (1 if they were not all acknowledged in time).
 */
public final class FeedProcess {

    private FeedProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        try (NatsTransport nats = NatsTransport.connect(NatsConfig.localhost().withServers(url));
             EventBus bus = EventBus.builder().name("proc-a").build();
             Bridge bridge = Bridge.start(bus, nats, BridgeConfig.defaults().withOutbound(EnumSet.of(EventType.MARKET_DATA)))) {
            for (int i = 0; i < count; i++) {
                bus.publish(SampleEvents.esTick(i));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (bridge.stats().acked() < count && System.nanoTime() - deadline < 0) {
                Thread.sleep(10); // a separate process with nothing else to do: polls its own counter
            }
            System.out.println("proc-a " + bridge.stats().summary());
            if (bridge.stats().acked() < count) {
                System.exit(1);
            }
        }
    }
}

package io.hftbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.testing.SampleEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PipelinesTest {

    @ParameterizedTest
    @EnumSource(Contender.class)
    void everyContenderDeliversEveryEventToEveryReceiverOnEveryTopologyItSupports(Contender contender) {
        for (Topology topology : Topology.values()) {
            if (!contender.supports(topology)) {
                continue;
            }
            for (Waiting waiting : Waiting.values()) {
                if (waiting == Waiting.BUSY_SPIN && (topology != Topology.ONE_TO_ONE || !contender.has(waiting))) {
                    // Busy-spinning is a latency case, 1→1 only: more spinning threads than cores crawl.
                    continue;
                }
                Receiver[] receivers = new Receiver[topology.receivers()];
                for (int i = 0; i < receivers.length; i++) {
                    receivers[i] = new CountingReceiver();
                }
                try (Pipeline pipeline = contender.open(topology, waiting, receivers);
                     BatchDriver driver = new BatchDriver(pipeline, topology, receivers, SampleEvents.tick(7),
                             contender.batchSize())) {
                    driver.runBatch(1000);
                    assertThat(driver.runBatch(1001)).as("%s %s %s", contender, topology, waiting).isEqualTo(2001);
                    for (Receiver receiver : receivers) {
                        assertThat(receiver.seen()).as("%s %s %s", contender, topology, waiting).isEqualTo(2001);
                    }
                }
            }
        }
    }

    @Test
    void guavaRefusesThePullTopologyItHasNoApiFor() {
        assertThatThrownBy(() -> Contender.GUAVA.open(Topology.ONE_TO_ONE_PULL, Waiting.YIELDING,
                new Receiver[] {new CountingReceiver()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Guava AsyncEventBus has no 1→1 pull topology");
    }

    @Test
    void aPipelineRefusesTheWrongNumberOfReceivers() {
        assertThatThrownBy(() -> Contender.JCTOOLS.open(Topology.ONE_TO_THREE, Waiting.YIELDING,
                new Receiver[] {new CountingReceiver()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 3 receivers but got 1");
    }
}

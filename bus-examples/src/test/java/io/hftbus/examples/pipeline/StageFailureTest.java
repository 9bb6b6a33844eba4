package io.hftbus.examples.pipeline;

import static io.hftbus.examples.pipeline.StageTestBus.next;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventBus;
import io.hftbus.api.EventStream;
import io.hftbus.api.event.ErrorEvent;
import io.hftbus.api.event.MarketDataEvent;
import io.hftbus.api.event.Severity;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StageFailureTest {

    /** A stage that fails on a quote for the symbol "BAD" and counts the others. */
    private static final class FragileStage extends Stage {
        final CountDownLatch goodOnes = new CountDownLatch(2);

        FragileStage(EventBus bus) {
            super("fragile", bus);
        }

        @Override
        protected void subscribeHandlers() {
            on(MarketDataEvent.class, quote -> {
                if (quote.symbol().equals("BAD")) {
                    throw new IllegalStateException("cannot price " + quote.symbol());
                }
                goodOnes.countDown();
            });
        }
    }

    @Test
    void aFailingHandlerPublishesAnErrorEventNamingTheStageAndTheStageGoesOn() throws Exception {
        try (StageTestBus test = new StageTestBus()) {
            EventStream<ErrorEvent> errors = test.outputs(ErrorEvent.class);
            FragileStage stage = new FragileStage(test.bus);
            stage.attach();

            test.publish(new MarketDataEvent(1, "ES", 1, 1, 1, 1, 1, 1), new MarketDataEvent(2, "BAD", 1, 1, 1, 1, 1, 1),
                    new MarketDataEvent(3, "ES", 1, 1, 1, 1, 1, 1));

            ErrorEvent error = next(errors);
            assertThat(error).isEqualTo(new ErrorEvent(2, "fragile", Severity.ERROR, "IllegalStateException",
                    "while handling MARKET_DATA: cannot price BAD"));
            assertThat(stage.goodOnes.await(StageTestBus.DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(stage.failures()).isEqualTo(1);
            assertThat(stage.handled()).isEqualTo(3);
        }
    }
}

package io.hftbus.examples.pipeline;

import static io.hftbus.examples.pipeline.StageTestBus.next;
import static org.assertj.core.api.Assertions.assertThat;

import io.hftbus.api.EventStream;
import io.hftbus.api.event.ApprovedSignalEvent;
import io.hftbus.api.event.Event;
import io.hftbus.api.event.RejectedSignalEvent;
import io.hftbus.api.event.RiskRejectReason;
import io.hftbus.api.event.Side;
import io.hftbus.api.event.SignalEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RiskManagerTest {

    private final StageTestBus test = new StageTestBus();
    private final EventStream<ApprovedSignalEvent> approvals = test.outputs(ApprovedSignalEvent.class);
    private final EventStream<RejectedSignalEvent> rejections = test.outputs(RejectedSignalEvent.class);
    private long nextId = 1;

    private RiskManager risk(RiskManager.Limits limits) {
        RiskManager risk = new RiskManager(test.bus, List.of(Instrument.of("ES"), Instrument.of("CL")), limits);
        risk.attach();
        return risk;
    }

    private SignalEvent signal(String symbol, Side side, double quantity, double price) {
        return new SignalEvent(1_000 + nextId, nextId++, "test", symbol, side, 0.5, quantity, price);
    }

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void aSignalWithinTheLimitsIsApprovedInFull() throws Exception {
        risk(RiskManager.Limits.defaults());
        SignalEvent buy = signal("ES", Side.BUY, 2, 6000);

        test.publish(buy);

        ApprovedSignalEvent approved = next(approvals);
        assertThat(approved.signal()).isEqualTo(buy);
        assertThat(approved.approvedQuantity()).isEqualTo(2);
    }

    @Test
    void aSignalBeyondThePositionLimitIsCutToTheRoomLeftThenRejectedWhenNoneIsLeft() throws Exception {
        risk(new RiskManager.Limits(3, 5, 10_000_000, 1e6, 0));

        test.publish(signal("ES", Side.BUY, 2, 6000), signal("ES", Side.BUY, 2, 6000), signal("ES", Side.BUY, 1, 6000));

        assertThat(next(approvals, 2)).extracting(ApprovedSignalEvent::approvedQuantity).containsExactly(2.0, 1.0);
        RejectedSignalEvent rejected = next(rejections);
        assertThat(rejected.reason()).isEqualTo(RiskRejectReason.POSITION_LIMIT);
        assertThat(rejected.detail()).isEqualTo("position 3.0 is at the limit 3.0");
    }

    @Test
    void oversizedOrdersUnknownSymbolsAndExcessNotionalAreRejectedWithTheirReason() throws Exception {
        // ES: 6000 * 50 = 300,000 a contract; the gross limit takes one.
        risk(new RiskManager.Limits(5, 2, 400_000, 1e6, 0));

        test.publish(signal("ES", Side.SELL, 3, 6000), signal("NQ", Side.BUY, 1, 21000),
                signal("ES", Side.BUY, 1, 6000), signal("ES", Side.BUY, 1, 6000));

        assertThat(next(rejections, 3)).extracting(RejectedSignalEvent::reason).containsExactly(
                RiskRejectReason.ORDER_SIZE_LIMIT, RiskRejectReason.SYMBOL_NOT_ALLOWED, RiskRejectReason.NOTIONAL_LIMIT);
        assertThat(next(approvals).signal().signalId()).isEqualTo(3);
    }

    @Test
    void pastTheLossLimitOnlyOrdersThatReduceThePositionPass() throws Exception {
        RiskManager risk = risk(new RiskManager.Limits(5, 5, 10_000_000, 1_000, 0));

        // Long 2 ES at 6000, then marked 20 points lower by the next signal: -2,000.
        test.publish(signal("ES", Side.BUY, 2, 6000), signal("ES", Side.BUY, 1, 5980), signal("ES", Side.SELL, 1, 5980));

        List<Event> decisions = List.of(next(approvals), next(rejections), next(approvals));
        assertThat(((RejectedSignalEvent) decisions.get(1)).reason()).isEqualTo(RiskRejectReason.LOSS_LIMIT);
        assertThat(((ApprovedSignalEvent) decisions.get(2)).signal().side()).isEqualTo(Side.SELL);
        assertThat(risk.approved()).isEqualTo(2);
        assertThat(risk.rejected()).isEqualTo(1);
        assertThat(risk.rejectionsByReason()).containsEntry(RiskRejectReason.LOSS_LIMIT, 1L);
    }
}

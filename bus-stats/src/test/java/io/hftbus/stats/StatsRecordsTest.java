package io.hftbus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hftbus.api.Priority;
import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.TypeStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The api's statistics records reject what a collector could never produce. */
class StatsRecordsTest {

    private static List<TypeStats> emptyTypes() {
        List<TypeStats> types = new ArrayList<>();
        for (EventType type : EventType.values()) {
            types.add(new TypeStats(type, 0, 0, 0, 0, 0, 0, LatencySnapshot.EMPTY));
        }
        return types;
    }

    private static List<LaneStats> emptyLanes() {
        List<LaneStats> lanes = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            lanes.add(new LaneStats(priority, 0, 16, 0));
        }
        return lanes;
    }

    @Test
    void latencySnapshotRejectsNegativeOrUnorderedFigures() {
        assertThatThrownBy(() -> new LatencySnapshot(-1, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("LatencySnapshot.count must be >= 0 but was -1");
        assertThatThrownBy(() -> new LatencySnapshot(3, 10, 9, 11, 12, 13))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LatencySnapshot.p90 must be >= p50 (10) but was 9");
        assertThatThrownBy(() -> new LatencySnapshot(3, 1, 2, 3, 4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LatencySnapshot.max must be >= p999 (4) but was 3");
        assertThat(new LatencySnapshot(3, 1, 2, 3, 4, 5).p999()).isEqualTo(4);
    }

    @Test
    void typeStatsRejectsANegativeCounterAndAddsUpItsDrops() {
        assertThatThrownBy(() -> new TypeStats(EventType.FILL, 0, 0, 0, -2, 0, 0, LatencySnapshot.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TypeStats.droppedStreamLagging must be >= 0 but was -2");
        assertThatThrownBy(() -> new TypeStats(EventType.FILL, 0, 0, 0, 0, 0, 0, null))
                .isInstanceOf(NullPointerException.class).hasMessage("TypeStats.latency must not be null");
        assertThat(new TypeStats(EventType.FILL, 9, 3, 1, 2, 3, 0, LatencySnapshot.EMPTY).dropped()).isEqualTo(6);
    }

    @Test
    void laneStatsRejectsNegativeFigures() {
        assertThatThrownBy(() -> new LaneStats(Priority.LOW, -1, 16, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("LaneStats.depth must be >= 0 but was -1");
        assertThatThrownBy(() -> new LaneStats(Priority.LOW, 0, 16, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LaneStats.highWaterMark must be >= 0 but was -3");
    }

    @Test
    void statsSnapshotRequiresOneEntryPerTypeAndLaneInOrder() {
        List<TypeStats> missing = emptyTypes();
        missing.remove(0);
        assertThatThrownBy(() -> new StatsSnapshot(0, missing, emptyLanes(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StatsSnapshot.types must hold one entry per EventType (16) but held 15");
        List<TypeStats> swapped = emptyTypes();
        Collections.swap(swapped, 0, 1);
        assertThatThrownBy(() -> new StatsSnapshot(0, swapped, emptyLanes(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StatsSnapshot.types[0] must be of MARKET_DATA but was of AGGREGATED_DATA");
        List<LaneStats> reversed = emptyLanes();
        Collections.reverse(reversed);
        assertThatThrownBy(() -> new StatsSnapshot(0, emptyTypes(), reversed, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StatsSnapshot.lanes[0] must be of CRITICAL but was of LOW");
    }

    @Test
    void statsSnapshotIsACopyAndLooksUpByTypeAndLane() {
        List<TypeStats> types = emptyTypes();
        types.set(EventType.ORDER.ordinal(), new TypeStats(EventType.ORDER, 5, 10, 0, 0, 1, 0, LatencySnapshot.EMPTY));
        StatsSnapshot snapshot = new StatsSnapshot(42, types, emptyLanes(), List.of());
        types.clear();

        assertThat(snapshot.types()).hasSize(EventType.count());
        assertThat(snapshot.of(EventType.ORDER).published()).isEqualTo(5);
        assertThat(snapshot.lane(Priority.HIGH).capacity()).isEqualTo(16);
        assertThat(snapshot.published()).isEqualTo(5);
        assertThat(snapshot.received()).isEqualTo(10);
        assertThat(snapshot.dropped()).isEqualTo(1);
        assertThatThrownBy(() -> snapshot.types().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}

package io.hftbus.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DuplicateWindowTest {

    @Test
    void aSequenceIsADuplicateWhileItIsAmongTheLastCapacitySeen() {
        DuplicateWindow window = new DuplicateWindow(4);
        assertThat(window.add(10)).isTrue();
        assertThat(window.add(10)).isFalse();
        assertThat(window.add(11)).isTrue();
        assertThat(window.add(12)).isTrue();
        assertThat(window.add(13)).isTrue();
        assertThat(window.add(10)).as("still among the last 4").isFalse();
        assertThat(window.add(14)).isTrue();
        assertThat(window.contains(10)).as("pushed out by the fifth").isFalse();
        assertThat(window.add(10)).as("forgotten, so taken as new").isTrue();
    }

    @Test
    void agreesWithASimpleModelOnInterleavedPublishers() {
        Random random = new Random(20261202L);
        int capacity = 1_000;
        DuplicateWindow window = new DuplicateWindow(capacity);
        ArrayDeque<Long> order = new ArrayDeque<>();
        Set<Long> recent = new HashSet<>();
        long[] publishers = {0, 1_000_000, 2_000_000, 3_000_000};
        for (int i = 0; i < 200_000; i++) {
            long sequence;
            if (random.nextInt(10) == 0 && !order.isEmpty()) {
                sequence = order.toArray(new Long[0])[random.nextInt(order.size())]; // a redelivery
            } else if (random.nextInt(50) == 0) {
                sequence = random.nextInt(4_000_000); // an old one, usually forgotten
            } else {
                int p = random.nextInt(publishers.length);
                sequence = publishers[p]++;
            }
            boolean expectedNew = !recent.contains(sequence);
            assertThat(window.add(sequence)).as("sequence %d at step %d", sequence, i).isEqualTo(expectedNew);
            if (expectedNew) {
                order.addLast(sequence);
                recent.add(sequence);
                if (order.size() > capacity) {
                    recent.remove(order.removeFirst());
                }
            }
        }
    }
}

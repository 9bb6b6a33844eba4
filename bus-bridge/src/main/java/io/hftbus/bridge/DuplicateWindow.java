package io.hftbus.bridge;

/**
 * The last {@code capacity} sequences seen from one origin: an open-addressing set of longs with
 * linear probing, and a ring that remembers their order so the oldest leaves when a new one
 * comes. No allocation after construction. Sequences increase per publisher but interleave across
 * a bus's publishers, so a "highest seen" would not do; a set of recent ones does.
 *
 * <p>Not thread-safe: owned by one inbound thread.
 */
final class DuplicateWindow {

    private static final long EMPTY = -1L; // sequences are >= 0

    private final long[] table;
    private final int tableMask;
    private final long[] order;
    private int oldest;
    private int size;

    DuplicateWindow(int capacity) {
        int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        table = new long[tableSize];
        java.util.Arrays.fill(table, EMPTY);
        tableMask = tableSize - 1;
        order = new long[capacity];
    }

    /** Adds {@code sequence}; false if it is in the window already (a duplicate). */
    boolean add(long sequence) {
        int slot = home(sequence);
        while (table[slot] != EMPTY) {
            if (table[slot] == sequence) {
                return false;
            }
            slot = (slot + 1) & tableMask;
        }
        if (size == order.length) {
            long evicted = order[oldest];
            order[oldest] = sequence;
            oldest = oldest + 1 == order.length ? 0 : oldest + 1;
            remove(evicted);
            // the removal may have shifted entries: find the free slot again
            slot = home(sequence);
            while (table[slot] != EMPTY) {
                slot = (slot + 1) & tableMask;
            }
        } else {
            int at = oldest + size;
            order[at >= order.length ? at - order.length : at] = sequence;
            size++;
        }
        table[slot] = sequence;
        return true;
    }

    /** Whether {@code sequence} is in the window. */
    boolean contains(long sequence) {
        int slot = home(sequence);
        while (table[slot] != EMPTY) {
            if (table[slot] == sequence) {
                return true;
            }
            slot = (slot + 1) & tableMask;
        }
        return false;
    }

    /** Removes a present key, shifting back the entries of its probe run (no tombstones). */
    private void remove(long key) {
        int hole = home(key);
        while (table[hole] != key) {
            hole = (hole + 1) & tableMask;
        }
        int next = hole;
        while (true) {
            next = (next + 1) & tableMask;
            long candidate = table[next];
            if (candidate == EMPTY) {
                break;
            }
            int wanted = home(candidate);
            // the candidate may fill the hole unless its home lies cyclically in (hole, next]
            boolean staysPut = hole <= next ? hole < wanted && wanted <= next : hole < wanted || wanted <= next;
            if (!staysPut) {
                table[hole] = candidate;
                hole = next;
            }
        }
        table[hole] = EMPTY;
    }

    private int home(long sequence) {
        return (int) ((sequence * 0x9E3779B97F4A7C15L) >>> 32) & tableMask;
    }
}

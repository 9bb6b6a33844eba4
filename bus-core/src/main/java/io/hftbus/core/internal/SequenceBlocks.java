package io.hftbus.core.internal;

/**
 * The bus's sequence space, handed to publishers in blocks: a publisher takes sequences from its
 * own block with plain increments and comes back here, for one atomic add, only when the block is
 * used up. Sequences are therefore unique within the bus and increase per publisher, but they are
 * not dense (a publisher that stops leaves the rest of its block unused) and not one global order.
 */
final class SequenceBlocks {

    /** Sequences a publisher claims at a time, unless one batch needs more. */
    static final int BLOCK = 4096;

    /** The first sequence of the next block. Alone on its line: publishers of one bus share it. */
    private final PaddedCounter next = new PaddedCounter(0);

    /**
     * Claims {@code count} consecutive sequences.
     *
     * @return the first of them
     */
    long claim(long count) {
        // One atomic add per block: this is the only read-modify-write of shared state a publisher
        // makes for its sequences.
        return next.getAndAdd(count);
    }
}

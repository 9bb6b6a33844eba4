package io.hftbus.api;

/**
 * Settings of a {@link WorkerGroup}: the size of its queue and what happens when it is full.
 *
 * <pre>{@code
 * GroupOptions options = GroupOptions.DEFAULTS.withQueueCapacity(1024).withOverflow(GroupOverflow.DROP);
 * }</pre>
 *
 * @param queueCapacity how many envelopes the group's queue holds at most, within
 *                      {@code [2, 2^30]}, rounded up to a power of two; a sharded subscription has
 *                      one queue of this size per shard
 * @param overflow      what the dispatch thread does when the queue is full
 */
public record GroupOptions(int queueCapacity, GroupOverflow overflow) {

    /** A queue of {@value LaneConfig#DEFAULT_CAPACITY} envelopes (rounded up), {@link GroupOverflow#BLOCK}. */
    public static final GroupOptions DEFAULTS = new GroupOptions(LaneConfig.DEFAULT_CAPACITY, GroupOverflow.BLOCK);

    /** Validates the settings. */
    public GroupOptions {
        if (queueCapacity < 2 || queueCapacity > LaneConfig.MAX_CAPACITY) {
            throw new IllegalArgumentException("GroupOptions.queueCapacity must be within [2, "
                    + LaneConfig.MAX_CAPACITY + "] but was " + queueCapacity);
        }
        if (overflow == null) {
            throw new NullPointerException("GroupOptions.overflow must not be null");
        }
    }

    /** These options with another queue capacity. */
    public GroupOptions withQueueCapacity(int capacity) {
        return new GroupOptions(capacity, overflow);
    }

    /** These options with another overflow policy. */
    public GroupOptions withOverflow(GroupOverflow policy) {
        return new GroupOptions(queueCapacity, policy);
    }
}

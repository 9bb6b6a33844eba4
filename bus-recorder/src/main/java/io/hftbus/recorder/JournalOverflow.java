package io.hftbus.recorder;

/**
 * What a recorder does when its journal's queue is full because the writer thread, or the disk
 * behind it, does not keep up with the publishers.
 */
public enum JournalOverflow {
    /**
     * The default: lossless. The publisher is held back in {@code onPublished} until the writer has
     * room, as a bus lane with {@link io.hftbus.api.BackpressurePolicy#BLOCK} holds it back, so the
     * journal records every event. The wait is bounded by the recorder's
     * {@link RecorderConfig#journalHoldTimeout() hold timeout} and ends early when the publishing
     * thread is interrupted (its interrupt status stays set) or the journal closes or fails; the
     * event is then counted as lost, never dropped silently. Every wait is counted in
     * {@link io.hftbus.api.recorder.JournalStatus#publishersHeldBack()}.
     */
    BLOCK,
    /**
     * Opt-in: the event is not journalled and is counted in
     * {@link io.hftbus.api.recorder.JournalStatus#eventsLost()}; the publisher never waits for the
     * disk. For a recorder that must never slow the bus, and may lose journal records to do so.
     */
    DROP
}

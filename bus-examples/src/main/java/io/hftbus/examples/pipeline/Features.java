package io.hftbus.examples.pipeline;

/** The names of the features in the {@code FeatureEvent}s the {@link FeaturePipeline} publishes. */
public final class Features {

    /** Halfway between best bid and best ask. */
    public static final String MID = "mid";
    /** Best ask minus best bid. */
    public static final String SPREAD = "spread";
    /** The size-weighted mid: the price leans toward the thinner side, where it is likelier to go. */
    public static final String MICROPRICE = "microprice";
    /** Exponential moving average of the mid with a short time constant. */
    public static final String EMA_FAST = "ema_fast";
    /** Exponential moving average of the mid with a long time constant. */
    public static final String EMA_SLOW = "ema_slow";
    /** Annualised realised volatility of the mid's log returns, exponentially weighted in time. */
    public static final String REALIZED_VOL = "realized_vol";
    /** (bid size - ask size) / (bid size + ask size) at the touch, in [-1, 1]. */
    public static final String TOP_IMBALANCE = "top_imbalance";
    /** The same over the levels of the latest book snapshot, in [-1, 1]. */
    public static final String BOOK_IMBALANCE = "book_imbalance";
    /** (mid - slow EMA) in units of its own exponentially weighted standard deviation; 0 while warming up. */
    public static final String ZSCORE = "zscore";

    private Features() {
    }
}

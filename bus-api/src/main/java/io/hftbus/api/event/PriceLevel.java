package io.hftbus.api.event;

/**
 * One aggregated level of an order book side.
 *
 * @param price finite and {@code > 0}
 * @param size  finite and {@code >= 0}
 */
public record PriceLevel(double price, double size) {

    /** Validates the level. */
    public PriceLevel {
        Checks.finitePositive(price, "PriceLevel", "price");
        Checks.finiteNonNegative(size, "PriceLevel", "size");
    }
}

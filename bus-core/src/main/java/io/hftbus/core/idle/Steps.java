package io.hftbus.core.idle;

/** What the strategies share: the hold-off loop and argument checks. */
final class Steps {

    private Steps() {
    }

    static void spin(int spins) {
        for (int i = 0; i < spins; i++) {
            Thread.onSpinWait();
        }
    }

    static int requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
        return value;
    }
}

package io.hftbus.api.event;

import java.util.List;
import java.util.Map;

/**
 * Argument checks shared by the event records' compact constructors.
 *
 * <p>Every message names the record, the field and the offending value, so a rejected event can be
 * traced to the line that built it without a debugger.
 */
final class Checks {

    private Checks() {
    }

    static <T> T nonNull(T value, String record, String field) {
        if (value == null) {
            throw new NullPointerException(record + "." + field + " must not be null");
        }
        return value;
    }

    /**
     * A string that is well-formed UTF-16: every surrogate is half of a pair. A lone surrogate is no
     * character; UTF-8, and so the journal and the wire, cannot carry it, and an event that held one
     * would not read back as it was recorded.
     */
    static String text(String value, String record, String field) {
        nonNull(value, record, field);
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException(String.format("%s.%s must be well-formed UTF-16 but has an unpaired"
                    + " surrogate \\u%04X at index %d", record, field, (int) c, i));
        }
        return value;
    }

    static String nonBlank(String value, String record, String field) {
        text(value, record, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(record + "." + field + " must not be blank but was '" + value + "'");
        }
        return value;
    }

    static double finite(double value, String record, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(record + "." + field + " must be finite but was " + value);
        }
        return value;
    }

    static double finiteNonNegative(double value, String record, String field) {
        if (!Double.isFinite(value) || value < 0.0) {
            throw new IllegalArgumentException(record + "." + field + " must be finite and >= 0 but was " + value);
        }
        return value;
    }

    static double finitePositive(double value, String record, String field) {
        if (!Double.isFinite(value) || value <= 0.0) {
            throw new IllegalArgumentException(record + "." + field + " must be finite and > 0 but was " + value);
        }
        return value;
    }

    static double inRange(double value, double min, double max, String record, String field) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    record + "." + field + " must be within [" + min + ", " + max + "] but was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String record, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(record + "." + field + " must be >= 0 but was " + value);
        }
        return value;
    }

    static long positive(long value, String record, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(record + "." + field + " must be > 0 but was " + value);
        }
        return value;
    }

    /** Copies into an immutable list, rejecting a null list and null elements by index. */
    static <T> List<T> immutableList(List<T> values, String record, String field) {
        nonNull(values, record, field);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new NullPointerException(record + "." + field + "[" + i + "] must not be null");
            }
        }
        return List.copyOf(values);
    }

    /** Copies into an immutable map of finite values, rejecting blank names and non-finite values by name. */
    static Map<String, Double> immutableFiniteMap(Map<String, Double> values, String record, String field) {
        nonNull(values, record, field);
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            String name = entry.getKey();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(
                        record + "." + field + " must not have a null or blank name but had '" + name + "'");
            }
            text(name, record, field + " name");
            Double value = entry.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        record + "." + field + "['" + name + "'] must be finite but was " + value);
            }
        }
        return Map.copyOf(values);
    }

    static void bidNotAboveAsk(double bid, double ask, String record) {
        if (bid > 0.0 && ask > 0.0 && bid > ask) {
            throw new IllegalArgumentException(
                    record + ".bidPrice must not be above askPrice but bidPrice was " + bid + " and askPrice " + ask);
        }
    }
}

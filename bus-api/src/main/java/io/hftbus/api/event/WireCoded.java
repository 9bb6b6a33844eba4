package io.hftbus.api.event;

/**
 * A constant with a permanent wire code: the number that stands for it in journals and on the
 * wire, in place of its {@link Enum#ordinal() ordinal}.
 *
 * <p>Every enum of this package, and {@link EventType}, implements it, and declares each
 * constant's code explicitly beside the constant. Codes are permanent: a code once written means
 * that constant for as long as files that hold it exist. Constants may be reordered, and new ones
 * inserted anywhere with new codes, without changing what old files mean; a retired constant's
 * code is never given to another. Codes are unique within their enum and within
 * {@code [0, 255]} (one byte on the wire), except {@link EventType}'s, which are within
 * {@code [0, 65535]}.
 *
 * <p>The codes of the first constants are their ordinals in journal format 1, which wrote
 * ordinals; so format-1 files and later ones agree.
 */
public interface WireCoded {

    /** This constant's permanent code. */
    int wireCode();
}

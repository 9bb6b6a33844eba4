package io.hftbus.api.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a record component takes when it is read from a journal (or a peer) written before
 * the component existed. Without it, a component added later reads as its kind's zero: {@code 0},
 * {@code 0.0}, {@code false}, {@code ""}, {@link java.time.Duration#ZERO}, an empty list or map; an
 * enum or record component added later must name its default with this annotation.
 *
 * <p>The text is parsed by the component's kind: a decimal {@code long}, {@code int} or
 * {@code double}, {@code true} or {@code false}, the string itself, an ISO-8601 duration
 * ({@code PT0.5S}), or an enum constant's name. The record's compact constructor must accept it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface WireDefault {

    /** The default, as text. */
    String value();
}

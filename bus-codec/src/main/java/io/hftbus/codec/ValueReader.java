package io.hftbus.codec;

import java.nio.ByteBuffer;

/** Reads one value: a {@link ValueCodec}, or a reader that resolves an older or newer writer's layout. */
interface ValueReader {

    /** Reads a value; throws {@link IllegalArgumentException} or {@link CodecException} on bad bytes. */
    Object read(ByteBuffer in);

    /** The fewest bytes a value takes; bounds a count against the bytes left before allocating. */
    int minSize();
}

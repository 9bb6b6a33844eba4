package io.hftbus.codec;

import java.nio.ByteBuffer;

/**
 * Reads records of one type as one writer laid them out: {@link RecordCodec#decoder(RecordSchema)}.
 * Immutable and thread-safe.
 *
 * @param <R> the record type
 */
@FunctionalInterface
public interface RecordDecoder<R extends Record> {

    /**
     * Reads one record from {@code in}'s position, which advances past it.
     *
     * @throws CodecException if the bytes are not such a record; it names the field and the buffer
     *                        position where it starts
     */
    R decode(ByteBuffer in);
}

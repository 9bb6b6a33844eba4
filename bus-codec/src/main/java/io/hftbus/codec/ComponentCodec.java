package io.hftbus.codec;

import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * One component of a record: reads it from the record through its accessor's method handle and
 * writes it, a primitive without boxing; reads it back as a constructor argument.
 *
 * <p>The accessor handles are typed {@code (Record)long} and so on, and called with
 * {@code invokeExact}: no reflection and no boxing on the encoding path.
 */
abstract class ComponentCodec {

    /** The marker of a component that has no default (an enum or a record without {@code @WireDefault}). */
    static final Object NO_DEFAULT = new Object();

    final String name;
    final ValueCodec value;
    /** The constructor argument a reader gives it when the writer did not have it, or {@link #NO_DEFAULT}. */
    final Object defaultValue;

    ComponentCodec(String name, ValueCodec value, Object defaultValue) {
        this.name = name;
        this.value = value;
        this.defaultValue = defaultValue;
    }

    /** The bytes of this component in {@code record}. */
    abstract int size(Record record);

    /** Writes this component of {@code record}. */
    abstract void write(Record record, ByteBuffer out) throws Throwable;

    /** Reads the component as its constructor argument. */
    Object read(ByteBuffer in) {
        return value.read(in);
    }

    static final class LongComponent extends ComponentCodec {
        private final MethodHandle getter;

        LongComponent(String name, MethodHandle getter, Object defaultValue) {
            super(name, new ValueCodec.LongValue(), defaultValue);
            this.getter = getter;
        }

        @Override int size(Record record) { return Long.BYTES; }

        @Override
        void write(Record record, ByteBuffer out) throws Throwable {
            out.putLong((long) getter.invokeExact(record));
        }
    }

    static final class IntComponent extends ComponentCodec {
        private final MethodHandle getter;

        IntComponent(String name, MethodHandle getter, Object defaultValue) {
            super(name, new ValueCodec.IntValue(), defaultValue);
            this.getter = getter;
        }

        @Override int size(Record record) { return Integer.BYTES; }

        @Override
        void write(Record record, ByteBuffer out) throws Throwable {
            out.putInt((int) getter.invokeExact(record));
        }
    }

    static final class DoubleComponent extends ComponentCodec {
        private final MethodHandle getter;

        DoubleComponent(String name, MethodHandle getter, Object defaultValue) {
            super(name, new ValueCodec.DoubleValue(), defaultValue);
            this.getter = getter;
        }

        @Override int size(Record record) { return Double.BYTES; }

        @Override
        void write(Record record, ByteBuffer out) throws Throwable {
            out.putLong(Double.doubleToRawLongBits((double) getter.invokeExact(record)));
        }
    }

    static final class BooleanComponent extends ComponentCodec {
        private final MethodHandle getter;

        BooleanComponent(String name, MethodHandle getter, Object defaultValue) {
            super(name, new ValueCodec.BooleanValue(), defaultValue);
            this.getter = getter;
        }

        @Override int size(Record record) { return 1; }

        @Override
        void write(Record record, ByteBuffer out) throws Throwable {
            out.put((boolean) getter.invokeExact(record) ? (byte) 1 : (byte) 0);
        }
    }

    /** A component of a reference type: a string, an enum, a duration, a list, a map, a record. */
    static final class ObjectComponent extends ComponentCodec {
        private final MethodHandle getter;

        ObjectComponent(String name, MethodHandle getter, ValueCodec value, Object defaultValue) {
            super(name, value, defaultValue);
            this.getter = getter;
        }

        @Override
        int size(Record record) {
            try {
                return value.size(getter.invokeExact(record));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        void write(Record record, ByteBuffer out) throws Throwable {
            Object v = (Object) getter.invokeExact(record);
            if (v == null) {
                throw new NullPointerException("the value is null, and the codec writes no nulls");
            }
            value.write(v, out);
        }
    }
}

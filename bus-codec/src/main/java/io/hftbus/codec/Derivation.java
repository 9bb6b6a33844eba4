package io.hftbus.codec;

import io.hftbus.api.event.WireDefault;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.BufferUnderflowException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives a {@link RecordCodec} from a record class: one {@link ComponentCodec} per component,
 * chosen by the component's type, and the canonical constructor as a spreading method handle.
 */
final class Derivation {

    private static final String KINDS = "long, int, double, boolean (or their boxes in lists and maps), String,"
            + " an enum of WireCoded constants, java.time.Duration, List<T>, Map<K, V>, or a record";

    private static final Map<Class<?>, RecordCodec<?>> CODECS = new ConcurrentHashMap<>();
    /** Records being derived on this thread, outermost first: a record that holds itself is refused. */
    private static final ThreadLocal<Deque<Class<?>>> IN_PROGRESS = ThreadLocal.withInitial(ArrayDeque::new);

    private Derivation() {
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> RecordCodec<R> codec(Class<R> type) {
        if (type == null) {
            throw new NullPointerException("record type must not be null");
        }
        RecordCodec<?> known = CODECS.get(type);
        if (known != null) {
            return (RecordCodec<R>) known;
        }
        Deque<Class<?>> inProgress = IN_PROGRESS.get();
        if (inProgress.contains(type)) {
            throw new CodecException(type.getSimpleName(), "the record holds itself (through " + inProgress
                    + "); the codec writes trees of records, not cycles");
        }
        inProgress.push(type);
        try {
            RecordCodec<R> derived = derive(type);
            RecordCodec<?> raced = CODECS.putIfAbsent(type, derived);
            return raced == null ? derived : (RecordCodec<R>) raced;
        } finally {
            inProgress.pop();
        }
    }

    private static <R extends Record> RecordCodec<R> derive(Class<R> type) {
        String name = type.getSimpleName();
        if (!type.isRecord()) {
            throw new CodecException(name, type.getName() + " is not a record");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new CodecException(name, "the record " + type.getName() + " must be public");
        }
        // The codec reads the record's module: records of any module that exports them can be derived.
        Derivation.class.getModule().addReads(type.getModule());
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        RecordComponent[] recordComponents = type.getRecordComponents();
        ComponentCodec[] components = new ComponentCodec[recordComponents.length];
        Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
        for (int i = 0; i < recordComponents.length; i++) {
            RecordComponent component = recordComponents[i];
            parameterTypes[i] = component.getType();
            String path = name + "." + component.getName();
            MethodHandle accessor;
            try {
                accessor = lookup.unreflect(component.getAccessor());
            } catch (IllegalAccessException e) {
                throw new CodecException(path, "cannot access the accessor (the record's package must be exported): "
                        + e.getMessage());
            }
            components[i] = component(component, accessor, path);
        }
        MethodHandle constructor;
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(parameterTypes);
            constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, parameterTypes.length)
                    .asType(MethodType.methodType(Record.class, Object[].class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new CodecException(name, "cannot access the canonical constructor (it must be public): " + e);
        }
        return new RecordCodec<>(type, components, constructor);
    }

    private static ComponentCodec component(RecordComponent component, MethodHandle accessor, String path) {
        String name = component.getName();
        Class<?> type = component.getType();
        WireDefault declared = component.getAnnotation(WireDefault.class);
        if (type == long.class) {
            return new ComponentCodec.LongComponent(name, accessor.asType(MethodType.methodType(long.class,
                    Record.class)), declared == null ? Long.valueOf(0L) : parse(declared, type, null, path));
        }
        if (type == int.class) {
            return new ComponentCodec.IntComponent(name, accessor.asType(MethodType.methodType(int.class,
                    Record.class)), declared == null ? Integer.valueOf(0) : parse(declared, type, null, path));
        }
        if (type == double.class) {
            return new ComponentCodec.DoubleComponent(name, accessor.asType(MethodType.methodType(double.class,
                    Record.class)), declared == null ? Double.valueOf(0.0) : parse(declared, type, null, path));
        }
        if (type == boolean.class) {
            return new ComponentCodec.BooleanComponent(name, accessor.asType(MethodType.methodType(boolean.class,
                    Record.class)), declared == null ? Boolean.FALSE : parse(declared, type, null, path));
        }
        ValueCodec value = value(component.getGenericType(), path);
        Object defaultValue = declared == null ? zero(value) : parse(declared, type, value, path);
        return new ComponentCodec.ObjectComponent(name, accessor.asType(MethodType.methodType(Object.class,
                Record.class)), value, defaultValue);
    }

    private static ValueCodec value(Type type, String path) {
        if (type instanceof Class) {
            Class<?> c = (Class<?>) type;
            if (c == long.class || c == Long.class) {
                return new ValueCodec.LongValue();
            }
            if (c == int.class || c == Integer.class) {
                return new ValueCodec.IntValue();
            }
            if (c == double.class || c == Double.class) {
                return new ValueCodec.DoubleValue();
            }
            if (c == boolean.class || c == Boolean.class) {
                return new ValueCodec.BooleanValue();
            }
            if (c == String.class) {
                return new ValueCodec.StringValue();
            }
            if (c == Duration.class) {
                return new ValueCodec.DurationValue();
            }
            if (c.isEnum()) {
                return new ValueCodec.EnumValue(c, path);
            }
            if (c.isRecord()) {
                return new ValueCodec.RecordValue(codec(c.asSubclass(Record.class)));
            }
            if (c == List.class || c == Map.class) {
                throw new CodecException(path, "a raw " + c.getSimpleName() + " has no element type; declare its"
                        + " type arguments");
            }
        } else if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            Type[] arguments = parameterized.getActualTypeArguments();
            if (parameterized.getRawType() == List.class) {
                return new ValueCodec.ListValue(value(arguments[0], path + "[]"));
            }
            if (parameterized.getRawType() == Map.class) {
                return new ValueCodec.MapValue(value(arguments[0], path + "{key}"),
                        value(arguments[1], path + "{value}"));
            }
        }
        throw new CodecException(path, "its type " + type.getTypeName() + " is not a kind the codec knows: " + KINDS);
    }

    /** A component's value when the writer did not have it and it declares no default. */
    private static Object zero(ValueCodec value) {
        FieldKind kind = value.kind();
        if (kind == FieldKind.Scalar.LONG) {
            return 0L;
        }
        if (kind == FieldKind.Scalar.INT) {
            return 0;
        }
        if (kind == FieldKind.Scalar.DOUBLE) {
            return 0.0;
        }
        if (kind == FieldKind.Scalar.BOOLEAN) {
            return Boolean.FALSE;
        }
        if (kind == FieldKind.Scalar.STRING) {
            return "";
        }
        if (kind == FieldKind.Scalar.DURATION) {
            return Duration.ZERO;
        }
        if (kind instanceof FieldKind.ListKind) {
            return List.of();
        }
        if (kind instanceof FieldKind.MapKind) {
            return Map.of();
        }
        return ComponentCodec.NO_DEFAULT;
    }

    private static Object parse(WireDefault declared, Class<?> type, ValueCodec value, String path) {
        String text = declared.value();
        try {
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text);
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.valueOf(text);
            }
            if (type == String.class) {
                return text;
            }
            if (type == Duration.class) {
                return Duration.parse(text);
            }
            if (value instanceof ValueCodec.EnumValue) {
                Object constant = ((ValueCodec.EnumValue) value).constant(text);
                if (constant == null) {
                    throw new IllegalArgumentException("no constant of " + type.getSimpleName() + " is called so");
                }
                return constant;
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CodecException(path, "@WireDefault(\"" + text + "\") is not a " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
        throw new CodecException(path, "@WireDefault is for long, int, double, boolean, String, Duration and enum"
                + " components, not " + type.getSimpleName());
    }

    /** A message for an exception an encoding step or a record check threw. */
    static String describe(RuntimeException e) {
        if (e instanceof NullPointerException) {
            return "a value is null, and the codec writes no nulls";
        }
        if (e instanceof ClassCastException) {
            return "a value is not of the declared type: " + e.getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    /** The exception for a field whose bytes, starting at buffer position {@code at}, could not be read. */
    static CodecException failure(String field, int at, RuntimeException e) {
        String problem = e instanceof BufferUnderflowException ? "the bytes end inside this field" : describe(e);
        return new CodecException(CodecException.NO_TYPE_CODE, field, at, problem, e);
    }
}

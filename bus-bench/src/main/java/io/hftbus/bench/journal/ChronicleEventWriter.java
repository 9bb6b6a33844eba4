package io.hftbus.bench.journal;

import io.hftbus.api.event.Event;
import io.hftbus.api.event.WireCoded;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.wire.ValueOut;
import net.openhft.chronicle.wire.WireOut;

/**
 * Writes an event through Chronicle Wire's own self-describing binary format: each component by
 * its name, with Chronicle's typed values; nested records and durations as nested marshallables,
 * lists as sequences, maps as marshallables keyed by name, enums by their wire code. Accessors are
 * method handles unreflected once per record type, as in hftbus's codec, so the two differ in
 * their formats and stores, not in how they read the records. A benchmark peer only.
 */
final class ChronicleEventWriter {

    private static final Map<Class<?>, Component[]> COMPONENTS = new ConcurrentHashMap<>();

    private ChronicleEventWriter() {
    }

    /** Writes {@code event}'s components into {@code wire}. */
    static void write(Event event, WireOut wire) {
        writeFields(event, wire);
    }

    private static void writeFields(Object record, WireOut wire) {
        for (Component component : components(record.getClass())) {
            component.write(record, wire);
        }
    }

    private static Component[] components(Class<?> type) {
        return COMPONENTS.computeIfAbsent(type, ChronicleEventWriter::derive);
    }

    private static Component[] derive(Class<?> type) {
        RecordComponent[] recordComponents = type.getRecordComponents();
        Component[] components = new Component[recordComponents.length];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (int i = 0; i < recordComponents.length; i++) {
            RecordComponent component = recordComponents[i];
            try {
                MethodHandle accessor = lookup.unreflect(component.getAccessor());
                components[i] = new Component(component.getName(), component.getType(), accessor);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return components;
    }

    private static void value(Object value, ValueOut out) {
        if (value instanceof Double) {
            out.float64((Double) value);
        } else if (value instanceof Long) {
            out.int64((Long) value);
        } else if (value instanceof String) {
            out.text((String) value);
        } else if (value instanceof WireCoded) {
            out.int8((byte) ((WireCoded) value).wireCode());
        } else if (value instanceof Duration) {
            Duration duration = (Duration) value;
            out.marshallable(w -> w.write("s").int64(duration.getSeconds()).write("n").int32(duration.getNano()));
        } else if (value instanceof Record) {
            out.marshallable(w -> writeFields(value, w));
        } else if (value instanceof List) {
            out.sequence((List<?>) value, (list, elements) -> {
                for (Object element : list) {
                    value(element, elements);
                }
            });
        } else if (value instanceof Map) {
            out.marshallable(w -> {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    value(entry.getValue(), w.write((String) entry.getKey()));
                }
            });
        } else {
            throw new IllegalStateException("no Chronicle form for " + value.getClass());
        }
    }

    /** One component: a primitive read without boxing, anything else as an object. */
    private static final class Component {
        private final String name;
        private final Class<?> type;
        private final MethodHandle accessor;

        Component(String name, Class<?> type, MethodHandle accessor) {
            this.name = name;
            this.type = type;
            Class<?> returned = type.isPrimitive() ? type : Object.class;
            this.accessor = accessor.asType(MethodType.methodType(returned, Object.class));
        }

        void write(Object record, WireOut wire) {
            try {
                if (type == long.class) {
                    wire.write(name).int64((long) accessor.invokeExact(record));
                } else if (type == double.class) {
                    wire.write(name).float64((double) accessor.invokeExact(record));
                } else if (type == int.class) {
                    wire.write(name).int32((int) accessor.invokeExact(record));
                } else if (type == boolean.class) {
                    wire.write(name).bool((boolean) accessor.invokeExact(record));
                } else {
                    value((Object) accessor.invokeExact(record), wire.write(name));
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

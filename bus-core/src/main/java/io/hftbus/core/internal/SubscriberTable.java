package io.hftbus.core.internal;

import io.hftbus.api.event.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who receives each event type: an array of subscribers per {@link EventType} ordinal.
 *
 * <p>Copy-on-write. Writers (subscribe, unsubscribe, close) serialise on this object's monitor and
 * publish a whole new table through the volatile {@link #byType}; dispatch threads read that field
 * once per envelope and index into arrays that are never modified after publication, so the
 * dispatch path takes no lock and the volatile read gives it a fully built table.
 */
final class SubscriberTable {

    private static final Subscriber[] NONE = new Subscriber[0];

    private volatile Subscriber[][] byType;
    /** Every subscriber, in the order added; copy-on-write like {@link #byType}. */
    private volatile Subscriber[] all = NONE;
    private boolean closed;

    SubscriberTable() {
        Subscriber[][] empty = new Subscriber[EventType.count()][];
        Arrays.fill(empty, NONE);
        byType = empty;
    }

    /** The subscribers of one type; the array must not be modified. */
    Subscriber[] forType(int typeOrdinal) {
        return byType[typeOrdinal];
    }

    /** Adds a subscriber; false if the table is closed. */
    synchronized boolean add(Subscriber subscriber) {
        if (closed) {
            return false;
        }
        Subscriber[][] next = byType.clone();
        for (EventType type : subscriber.types) {
            Subscriber[] current = next[type.ordinal()];
            Subscriber[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = subscriber;
            next[type.ordinal()] = grown;
        }
        byType = next;
        Subscriber[] grownAll = Arrays.copyOf(all, all.length + 1);
        grownAll[all.length] = subscriber;
        all = grownAll;
        return true;
    }

    /** Every subscriber in the table, in the order added; the list is a snapshot. */
    List<Subscriber> all() {
        return Arrays.asList(all);
    }

    /** Removes a subscriber; false if it was not in the table. */
    synchronized boolean remove(Subscriber subscriber) {
        Subscriber[][] next = byType.clone();
        boolean removed = false;
        for (EventType type : subscriber.types) {
            Subscriber[] current = next[type.ordinal()];
            int index = indexOf(current, subscriber);
            if (index >= 0) {
                Subscriber[] shrunk = new Subscriber[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, index);
                System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
                next[type.ordinal()] = shrunk.length == 0 ? NONE : shrunk;
                removed = true;
            }
        }
        byType = next;
        int index = indexOf(all, subscriber);
        if (index >= 0) {
            Subscriber[] shrunk = new Subscriber[all.length - 1];
            System.arraycopy(all, 0, shrunk, 0, index);
            System.arraycopy(all, index + 1, shrunk, index, all.length - index - 1);
            all = shrunk;
        }
        return removed;
    }

    /** Closes the table to new subscribers and returns every subscriber it held, each once. */
    synchronized List<Subscriber> close() {
        closed = true;
        return new ArrayList<>(Arrays.asList(all));
    }

    private static int indexOf(Subscriber[] subscribers, Subscriber wanted) {
        for (int i = 0; i < subscribers.length; i++) {
            if (subscribers[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

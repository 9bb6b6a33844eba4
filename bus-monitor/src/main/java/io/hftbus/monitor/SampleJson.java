package io.hftbus.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hftbus.api.event.EventType;
import io.hftbus.api.stats.LaneStats;
import io.hftbus.api.stats.LatencySnapshot;
import io.hftbus.api.stats.StatsSnapshot;
import io.hftbus.api.stats.SubscriberStats;
import io.hftbus.api.stats.TypeStats;
import java.util.Map;

/**
 * The JSON document of a sample, built with Jackson's tree model (no reflection over our types).
 * It holds figures only: names, counts, rates, latencies; never an event or its payload.
 *
 * <pre>
 * {"bus":"trading","sequence":12,"epochMillis":...,"intervalSeconds":1.0,
 *  "totals":{"published":...,"received":...,"dropped":...,"handlerFailures":...},
 *  "types":[{"type":"MARKET_DATA","published":...,"received":...,"publishedPerSecond":...,
 *            "receivedPerSecond":...,"dropped":{"LANE_FULL":0,"STREAM_LAGGING":0,"BUS_CLOSED":0},
 *            "handlerFailures":0,"latency":{"available":true,"count":...,"p50":...,"p90":...,
 *            "p99":...,"p999":...,"max":...},"intervalLatency":{...the same, of the interval...}}, ...],
 *  "lanes":[{"lane":"CRITICAL","depth":0,"capacity":16384,"highWaterMark":3}, ...],
 *  "subscribers":[{"name":"risk","kind":"HANDLER","types":["SIGNAL"],"handlerFailures":0,
 *                  "lagged":0,"backlog":0}, ...],
 *  "counters":{"journal":{"recorded":...}}}
 * </pre>
 *
 * <p>Latencies are in nanoseconds: {@code latency} since the bus started, {@code intervalLatency}
 * (when the statistics are a {@link io.hftbus.stats.StatsCollector}) of the values recorded since
 * the previous sample. On a bus that does not stamp publish times {@code available} is false and
 * the figures are absent.
 *
 * <p>Thread-safe: Jackson's {@link ObjectMapper} is, once configured; this class keeps no state.
 */
final class SampleJson {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * The document of {@code snapshot}, with the rates since {@code previous} (none if null) and
     * each type's latency over the interval ({@code intervalLatency}, left out if null).
     */
    byte[] write(String bus, long sequence, long epochMillis, StatsSnapshot snapshot, StatsSnapshot previous,
                 Map<EventType, LatencySnapshot> intervalLatency, Map<String, Map<String, Long>> counters) {
        ObjectNode root = mapper.createObjectNode();
        root.put("bus", bus);
        root.put("sequence", sequence);
        root.put("epochMillis", epochMillis);
        double seconds = previous == null ? 0 : (snapshot.takenAtNanos() - previous.takenAtNanos()) / 1e9;
        root.put("intervalSeconds", seconds);

        ObjectNode totals = root.putObject("totals");
        totals.put("published", snapshot.published());
        totals.put("received", snapshot.received());
        totals.put("dropped", snapshot.dropped());
        long failures = 0;
        for (TypeStats type : snapshot.types()) {
            failures += type.handlerFailures();
        }
        totals.put("handlerFailures", failures);

        ArrayNode types = root.putArray("types");
        for (TypeStats type : snapshot.types()) {
            TypeStats before = previous == null ? null : previous.of(type.type());
            ObjectNode node = types.addObject();
            node.put("type", type.type().name());
            node.put("published", type.published());
            node.put("received", type.received());
            node.put("publishedPerSecond", rate(type.published(), before == null ? 0 : before.published(), seconds));
            node.put("receivedPerSecond", rate(type.received(), before == null ? 0 : before.received(), seconds));
            ObjectNode dropped = node.putObject("dropped");
            dropped.put("LANE_FULL", type.droppedLaneFull());
            dropped.put("STREAM_LAGGING", type.droppedStreamLagging());
            dropped.put("BUS_CLOSED", type.droppedBusClosed());
            node.put("handlerFailures", type.handlerFailures());
            latency(node.putObject("latency"), type.latency());
            if (intervalLatency != null) {
                latency(node.putObject("intervalLatency"),
                        intervalLatency.getOrDefault(type.type(), LatencySnapshot.EMPTY));
            }
        }

        ArrayNode lanes = root.putArray("lanes");
        for (LaneStats lane : snapshot.lanes()) {
            ObjectNode node = lanes.addObject();
            node.put("lane", lane.priority().name());
            node.put("depth", lane.depth());
            node.put("capacity", lane.capacity());
            node.put("highWaterMark", lane.highWaterMark());
        }

        ArrayNode subscribers = root.putArray("subscribers");
        for (SubscriberStats subscriber : snapshot.subscribers()) {
            ObjectNode node = subscribers.addObject();
            node.put("name", subscriber.name());
            node.put("kind", subscriber.kind().name());
            ArrayNode subscribed = node.putArray("types");
            for (EventType type : EventType.values()) {
                if (subscriber.types().contains(type)) {
                    subscribed.add(type.name());
                }
            }
            node.put("handlerFailures", subscriber.handlerFailures());
            node.put("lagged", subscriber.lagged());
            node.put("backlog", subscriber.backlog());
        }

        ObjectNode extra = root.putObject("counters");
        counters.forEach((group, values) -> {
            ObjectNode node = extra.putObject(group);
            values.forEach(node::put);
        });
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; this would be a bug in Jackson or here.
            throw new IllegalStateException("the sample's JSON could not be written", e);
        }
    }

    private static void latency(ObjectNode node, LatencySnapshot latency) {
        node.put("available", latency.available());
        if (latency.available()) {
            node.put("count", latency.count());
            node.put("p50", latency.p50());
            node.put("p90", latency.p90());
            node.put("p99", latency.p99());
            node.put("p999", latency.p999());
            node.put("max", latency.max());
        }
    }

    private static double rate(long now, long before, double seconds) {
        return seconds > 0 ? (now - before) / seconds : 0;
    }
}

package io.hftbus.monitor;

import io.hftbus.api.stats.StatsSnapshot;
import java.util.Map;

/**
 * One reading of the bus, as the sampler took it: the statistics, the rates since the reading
 * before, the application's extra counters, and the JSON every client is sent.
 *
 * <p>Immutable; handed from the sampler thread to the HTTP threads through {@link SampleBoard}.
 *
 * @param sequence     1 for the first sample, then one more per sample
 * @param epochMillis  wall-clock time of the reading, for the charts' time axis
 * @param snapshot     the statistics
 * @param json         the JSON document of this sample, UTF-8
 */
record Sample(long sequence, long epochMillis, StatsSnapshot snapshot, Map<String, Map<String, Long>> counters,
              byte[] json) {
}

package io.hftbus.bench;

import io.hftbus.api.EventBus;
import io.hftbus.monitor.WebMonitor;
import io.hftbus.stats.StatsCollector;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bus's web monitor with one client on its event stream, as a person watching the page makes it:
 * the monitor's sampler reads the statistics once a second and the client reads every sample, on
 * threads of their own.
 */
final class EventStreamClient implements AutoCloseable {

    private final WebMonitor monitor;
    private final Thread reader;
    private final AtomicLong bytes = new AtomicLong();
    private volatile InputStream body;

    EventStreamClient(EventBus bus, StatsCollector stats) {
        monitor = WebMonitor.builder(bus, stats).port(0).start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(monitor.uri().resolve("events")).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the monitor's event stream answered " + response.statusCode());
            }
            body = response.body();
        } catch (IOException e) {
            monitor.close();
            throw new IllegalStateException("the monitor's event stream could not be opened", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            monitor.close();
            throw new IllegalStateException("interrupted while opening the monitor's event stream", e);
        }
        reader = new Thread(this::read, "monitor-event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buffer = new byte[8192];
        try (InputStream in = body) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                bytes.addAndGet(read);
            }
        } catch (IOException closed) {
            // The monitor closed the stream, or close() did.
        }
    }

    /** Bytes of samples received so far. */
    long bytesReceived() {
        return bytes.get();
    }

    @Override
    public void close() {
        monitor.close();
        try {
            body.close();
        } catch (IOException ignored) {
            // Closing a stream whose server is gone: nothing left to release.
        }
    }
}

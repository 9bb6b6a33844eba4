/**
 * A {@link java.util.concurrent.Flow.Publisher} view of an hftbus bus: {@link io.hftbus.flow.EventFlow}
 * hands the events of one type to Reactive Streams subscribers (Reactor, RxJava, Pekko Streams,
 * Mutiny, or plain {@code java.util.concurrent.Flow} code), with demand honoured and a bounded buffer
 * per subscriber. Built on the API alone: any bus implementation will do.
 */
module io.hftbus.flow {
    requires transitive io.hftbus.api;
    requires org.slf4j;

    exports io.hftbus.flow;
}

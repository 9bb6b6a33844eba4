/**
 * Recording and replay for an hftbus bus: {@link io.hftbus.recorder.BusRecorder}, a
 * {@link io.hftbus.api.BusObserver} that keeps the latest envelopes in memory and can append them
 * to a crash-safe binary journal; {@link io.hftbus.recorder.JournalReader}; the
 * {@link io.hftbus.recorder.Replayer}; and the Dagger {@link io.hftbus.recorder.RecorderModule}.
 */
// The requires-automatic lint is off (see the parent pom): Dagger ships as an automatic module.
module io.hftbus.recorder {
    requires transitive io.hftbus.api;
    requires transitive io.hftbus.codec;
    // Only RecorderModule and its generated factories use these: a BusRecorder given to the
    // builder runs without a Dagger jar.
    requires static dagger;
    requires static jakarta.inject;
    requires org.jctools.core.jdk11;
    requires org.slf4j;

    exports io.hftbus.recorder;
}

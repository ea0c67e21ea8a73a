package dev.veer.testing.servers;

import java.util.List;

/**
 * Encodes series as a {@code prometheus.WriteRequest} protobuf message, the remote-write 1.0 payload before snappy:
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 */
final class RemoteWriteRequest {

    private RemoteWriteRequest() {
    }

    static byte[] encode(List<Series> series) {
        ProtobufWriter request = new ProtobufWriter();
        for (Series one : series) {
            request.message(1, timeSeries(one));
        }
        return request.toByteArray();
    }

    private static ProtobufWriter timeSeries(Series series) {
        ProtobufWriter timeSeries = new ProtobufWriter();
        // Series keeps its labels sorted by name, as the protocol requires.
        series.labels().forEach((name, value) -> timeSeries.message(1, new ProtobufWriter()
                .string(1, name)
                .string(2, value)));
        series.samples().forEach(sample -> timeSeries.message(2, new ProtobufWriter()
                .doubleValue(1, sample.value())
                .int64(2, sample.timestampMillis())));
        return timeSeries;
    }
}

package dev.veer.testing.servers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf wire format: just the field kinds the remote-write messages use (length-delimited strings and
 * nested messages, 64-bit doubles and varint int64s).
 */
final class ProtobufWriter {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtobufWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtobufWriter message(int field, ProtobufWriter message) {
        return bytes(field, message.toByteArray());
    }

    ProtobufWriter doubleValue(int field, double value) {
        tag(field, WIRE_FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** An int64 field: negative values take ten bytes, as in protobuf's own encoders. */
    ProtobufWriter int64(int field, long value) {
        tag(field, WIRE_VARINT);
        varint(value);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private ProtobufWriter bytes(int field, byte[] value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}

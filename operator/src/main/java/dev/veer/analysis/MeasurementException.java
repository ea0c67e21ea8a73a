package dev.veer.analysis;

/**
 * A measurement produced no verdict: the provider could not be reached, answered an error or an unusable result, or a
 * condition could not be evaluated on the result. It counts as a measurement error, never as a failure. The message
 * is shown in the status: it never holds credentials.
 */
public class MeasurementException extends Exception {

    public MeasurementException(String message) {
        super(message);
    }

    public MeasurementException(String message, Throwable cause) {
        super(message, cause);
    }
}

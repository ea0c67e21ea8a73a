package dev.veer.analysis;

/**
 * The analysis cannot run as specified: a HealthCheck or an argument is missing, a placeholder is unknown, a condition
 * does not compile. The run goes to phase Error with this message; it is InvalidSpec material for the rollout.
 */
public class InvalidAnalysisException extends Exception {

    public InvalidAnalysisException(String message) {
        super(message);
    }
}

package dev.rubric.maven.calibrate;

/** A calibration that cannot be done as asked (no sets, a bad record): the message names the thing and the way out. */
public class CalibrationException extends RuntimeException {

    public CalibrationException(String message) {
        super(message);
    }
}

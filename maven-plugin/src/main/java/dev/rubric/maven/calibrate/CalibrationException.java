package dev.rubric.maven.calibrate;
import org.apiguardian.api.API;

/** A calibration that cannot be done as asked (no sets, a bad record): the message names the thing and the way out. */
@API(status = API.Status.INTERNAL, since = "0.1")
public class CalibrationException extends RuntimeException {

    public CalibrationException(String message) {
        super(message);
    }
}

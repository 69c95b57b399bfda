package dev.rubric.lm;

/**
 * Rubric's defaults for DJL, applied before DJL's engine or tokenizer first runs: DJL reports usage to a cloud
 * metadata address unless {@code OPT_OUT_TRACKING} is true. Rubric opts out for its users unless they set the
 * variable (or system property) themselves; {@code OPT_OUT_TRACKING=false} opts back in.
 */
final class DjlDefaults {

    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private DjlDefaults() {
    }

    static void apply() {
        if (System.getenv(OPT_OUT_TRACKING) == null && System.getProperty(OPT_OUT_TRACKING) == null) {
            System.setProperty(OPT_OUT_TRACKING, "true");
        }
    }
}

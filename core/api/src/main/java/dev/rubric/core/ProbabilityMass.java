package dev.rubric.core;

/** The one check of a verdict's probability mass, shared by both verdict records. */
final class ProbabilityMass {

    private ProbabilityMass() {
    }

    /**
     * A verdict's probability mass, checked: {@code null} without probabilities, 1 (the whole distribution over the
     * verdict tokens) when probabilities come without one, else within (0, 1].
     */
    static Double checked(boolean hasProbabilities, Double mass) {
        if (!hasProbabilities) {
            if (mass != null) {
                throw new IllegalArgumentException("a probability mass (" + mass + ") needs the probabilities it"
                        + " belongs to");
            }
            return null;
        }
        if (mass == null) {
            return 1.0;
        }
        if (!(mass > 0 && mass <= 1)) {
            throw new IllegalArgumentException("the probability mass of a verdict's probabilities must be within"
                    + " (0, 1], got " + mass);
        }
        return mass;
    }
}

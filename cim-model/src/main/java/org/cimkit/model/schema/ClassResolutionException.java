package org.cimkit.model.schema;

/** A class that cannot be resolved against its superclass; {@link #problem()} says why. */
public final class ClassResolutionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient ResolutionProblem problem;

    public ClassResolutionException(ResolutionProblem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public ResolutionProblem problem() {
        return problem;
    }
}

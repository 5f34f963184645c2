package io.acapromoter.ports;

/**
 * What the caller of a job start knows about its earlier tries (an activity runs at least once, so the same start may
 * be asked for again after it was made). {@link #mayHaveStarted()}: whether an earlier try may have got as far as
 * starting; only then are the job's executions searched for the start key (one more request). {@link #starting()} is
 * called right before the start request, once the job was read and nothing refused it, so that a later try knows.
 */
public interface StartTries {

    boolean mayHaveStarted();

    void starting();

    /** Nothing known: every try searches the executions first. */
    StartTries UNKNOWN = new StartTries() {
        @Override
        public boolean mayHaveStarted() {
            return true;
        }

        @Override
        public void starting() {
        }
    };
}

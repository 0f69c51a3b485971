package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What Caseway does around one user task of the lifecycle, found by the task key: prepare the
 * task when it is created (display values for its form) and record what it submitted when it
 * is completed. One implementation per step, in that step's feature package.
 */
public interface StageRecorder {

    /** The fields of the step's form. */
    StageForm form();

    /** Rules across fields or against the case file; add a problem per bad field. */
    default void check(StageData data, StageContext context, Problems problems) {
    }

    /** Writes what the step decided into Caseway's tables (same transaction as the engine). */
    default void apply(StageData data, StageContext context) {
    }

    /** A one-line summary for the timeline; never client data or notes. */
    String summarize(StageData data);

    /** Sets display values (task-local variables) when the task is created. */
    default void prepare(DelegateTask task, StageContext context) {
    }
}

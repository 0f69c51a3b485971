package org.caseway.sla;

import org.caseway.casefile.CaseFile;
import org.caseway.casefile.Priority;

/** The SLA class of a task: the sla-policy table's "priority" input and the task's Tasklist priority. */
public enum SlaPriority {
    ROUTINE(50), URGENT(75), CRISIS(100);

    private final int taskPriority;

    SlaPriority(int taskPriority) {
        this.taskPriority = taskPriority;
    }

    /** Tasklist's priority for work of this class (the engine's default is 50). */
    public int taskPriority() {
        return taskPriority;
    }

    /** Crisis flows count as crisis work; otherwise the case's priority decides. */
    static SlaPriority of(CaseFile caseFile, boolean crisisWork) {
        if (crisisWork) {
            return CRISIS;
        }
        return caseFile.priority() == Priority.URGENT ? URGENT : ROUTINE;
    }
}

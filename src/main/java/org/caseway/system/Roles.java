package org.caseway.system;

import java.util.List;

/** The Camunda groups that stand for Caseway's roles. Teams are further groups (issue: assignment). */
public final class Roles {

    public static final String ADMIN = "camunda-admin";
    public static final String INTAKE = "intake";
    public static final String CASE_MANAGERS = "case-managers";
    public static final String SUPERVISORS = "supervisors";
    public static final String PROCESS_ANALYSTS = "process-analysts";
    /** The level above the supervisors: second-level SLA escalations, SLA views of every team. */
    public static final String PROGRAM_MANAGERS = "program-managers";

    /** Roles that work cases: they may open and read case files. */
    public static final List<String> CASE_WORKERS = List.of(ADMIN, INTAKE, CASE_MANAGERS, SUPERVISORS);

    private Roles() {
    }
}

package org.caseway.sla;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stops the clocks of tasks that ended without their listeners (a process instance cancelled with
 * "skip custom listeners" in Cockpit, a migration that removed the task): otherwise they would count
 * as overdue forever in the SLA views and metrics. Idempotent, so every node may run it.
 */
@Component
class SlaClockReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(SlaClockReconciler.class);
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TaskService taskService;
    private final SlaClocks clocks;

    SlaClockReconciler(JdbcClient jdbc, TaskService taskService, SlaClocks clocks) {
        this.jdbc = jdbc;
        this.taskService = taskService;
        this.clocks = clocks;
    }

    /** @return how many clocks were stopped */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    public int stopClocksOfVanishedTasks() {
        int stopped = 0;
        String after = "";
        while (true) {
            List<String> open = jdbc.sql("""
                    SELECT task_id FROM sla_clock WHERE ended_at IS NULL AND task_id > ? ORDER BY task_id
                    FETCH FIRST %d ROWS ONLY""".formatted(BATCH))
                    .param(after).query(String.class).list();
            if (open.isEmpty()) {
                break;
            }
            Set<String> existing = new HashSet<>();
            taskService.createTaskQuery().taskIdIn(open.toArray(String[]::new)).list().stream()
                    .map(Task::getId).forEach(existing::add);
            for (String taskId : open) {
                if (!existing.contains(taskId)) {
                    clocks.end(taskId, "CANCELLED");
                    stopped++;
                }
            }
            after = open.get(open.size() - 1);
        }
        if (stopped > 0) {
            LOG.info("Stopped {} SLA clock(s) of tasks that ended without their listeners", stopped);
        }
        return stopped;
    }
}

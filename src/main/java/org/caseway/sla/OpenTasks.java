package org.caseway.sla;

import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * An open task by its id, whoever asks (the SLA's own reads of a late task: its assignee and name for an
 * escalation).
 *
 * <p>Inside an engine command the task comes from the command's entity cache, where the engine keeps every row it
 * read or wrote in that command, else from one read by primary key. A deadline's escalation starts in the late
 * task's own timer job, which has already loaded the task: a task query there would build the engine's largest
 * dynamic statement and read the row again, three times per escalation (a quarter of the job executor's CPU in a
 * burst of deadlines, measured with JFR). Outside a command: a task query.
 */
@Component
class OpenTasks {

    private final TaskService taskService;
    private final CurrentUser currentUser;

    OpenTasks(TaskService taskService, CurrentUser currentUser) {
        this.taskService = taskService;
        this.currentUser = currentUser;
    }

    Optional<Task> find(String taskId) {
        if (taskId == null) {
            return Optional.empty();
        }
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return Optional.ofNullable(currentUser.withoutEngineAuthorization(
                    () -> taskService.createTaskQuery().taskId(taskId).singleResult()));
        }
        DbEntityManager entities = command.getDbEntityManager();
        TaskEntity task = entities.selectById(TaskEntity.class, taskId);
        // a task this command completed or deleted is still in the cache, marked deleted
        return task == null || task.isDeleted() || entities.isDeleted(task) ? Optional.empty() : Optional.of(task);
    }
}

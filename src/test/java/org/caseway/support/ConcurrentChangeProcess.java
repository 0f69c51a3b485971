package org.caseway.support;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.RepositoryService;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A real concurrent change, on demand: a test-only process of one user task whose complete and assignment
 * listener, for a task a test {@link #arm armed}, lets "a deadline" raise that task's priority in another thread
 * and transaction while the completion or assignment is under way, and waits until that has committed. The
 * completion's or assignment's flush then finds the task at a newer revision and the engine throws its
 * OptimisticLockingException, as when an SLA job, another node or another person changes the task at the same
 * moment. Armed once per arming: a retry goes through.
 */
public final class ConcurrentChangeProcess {

    public static final String KEY = "test_concurrentChange";
    public static final String TASK = "work";
    /** Process variable: who the task is assigned to when it is created. */
    public static final String ASSIGNEE = "assignee";
    /** The priority the concurrent change gives the task. */
    public static final int RAISED_PRIORITY = 80;

    private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

    private ConcurrentChangeProcess() {
    }

    public static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
                .userTask(TASK).camundaAssignee("${" + ASSIGNEE + "}")
                .camundaTaskListenerClass(TaskListener.EVENTNAME_COMPLETE, PriorityRaisedMeanwhile.class)
                .camundaTaskListenerClass(TaskListener.EVENTNAME_ASSIGNMENT, PriorityRaisedMeanwhile.class)
                .endEvent().done();
    }

    /** Deploys the process for one test; {@link #undeploy} removes it with its instances. */
    public static String deploy(RepositoryService repository) {
        return repository.createDeployment().addModelInstance(KEY + ".bpmn", model()).deploy().getId();
    }

    public static void undeploy(RepositoryService repository, String deploymentId) {
        disarmAll();
        repository.deleteDeployment(deploymentId, true);
    }

    /** Starts an instance of a process with an {@value #ASSIGNEE} variable; returns the id of its one task. */
    public static String startTask(RuntimeService runtime, TaskService tasks, String processKey, String assignee) {
        String processInstanceId = runtime.startProcessInstanceByKey(processKey, Map.of(ASSIGNEE, assignee)).getId();
        return tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    }

    /** The next completion or assignment of this task meets a concurrent change. */
    public static void arm(String taskId) {
        ARMED.add(taskId);
    }

    public static void disarmAll() {
        ARMED.clear();
    }

    /** The process's complete and assignment listener (instantiated by the engine: public, no-argument). */
    public static class PriorityRaisedMeanwhile implements TaskListener {

        @Override
        public void notify(DelegateTask task) {
            if (!ARMED.remove(task.getId())) {
                return;
            }
            TaskService other = task.getProcessEngineServices().getTaskService();
            try {
                CompletableFuture.runAsync(() -> other.setPriority(task.getId(), RAISED_PRIORITY))
                        .get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the concurrent change did not commit", e);
            }
        }
    }
}

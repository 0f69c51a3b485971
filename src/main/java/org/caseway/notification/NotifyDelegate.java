package org.caseway.notification;

import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ${notifyDelegate}: a service task (element template "Notify") that tells people about the case,
 * through the outbox like every notice. Its input parameters, set in the model:
 * <ul>
 * <li>{@code notifyUsers}: user ids, comma-separated (may be an expression), and/or</li>
 * <li>{@code notifyGroup}: a Camunda group, every member;</li>
 * <li>{@code notifyKind}: upper-case kind, e.g. CASE_CLOSED;</li>
 * <li>{@code notifySubject} and {@code notifyMessage}: fixed text written by the analyst. Only the
 * case number is added: a notice never names the client.</li>
 * </ul>
 */
@Component("notifyDelegate")
public class NotifyDelegate implements JavaDelegate {

    static final String USERS = "notifyUsers";
    static final String GROUP = "notifyGroup";
    static final String KIND = "notifyKind";
    static final String SUBJECT = "notifySubject";
    static final String MESSAGE = "notifyMessage";

    private final Notifications notifications;

    NotifyDelegate(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseNumber = execution.getProcessBusinessKey();
        String users = text(execution, USERS);
        String group = text(execution, GROUP);
        if (users == null && group == null) {
            throw new IllegalStateException("Notify task " + execution.getCurrentActivityId()
                    + " needs the input parameter " + USERS + " or " + GROUP);
        }
        Notice notice = new Notice(required(execution, KIND), caseNumber,
                "Case " + caseNumber + ": " + required(execution, SUBJECT),
                required(execution, MESSAGE) + "\n\nCase " + caseNumber + ".");
        if (users != null) {
            Arrays.stream(users.split(",")).map(String::trim).filter(u -> !u.isEmpty())
                    .forEach(user -> notifications.toUser(user, notice));
        }
        if (group != null) {
            notifications.toGroup(group, notice);
        }
    }

    private static String required(DelegateExecution execution, String name) {
        String value = text(execution, name);
        if (value == null) {
            throw new IllegalStateException("Notify task " + execution.getCurrentActivityId()
                    + " needs the input parameter " + name);
        }
        return value;
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariableLocal(name);
        if (value == null) {
            return null;
        }
        String text = value instanceof java.util.Collection<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}

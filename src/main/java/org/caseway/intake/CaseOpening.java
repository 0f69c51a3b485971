package org.caseway.intake;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.ServiceModel;
import org.caseway.casefile.Timeline;
import org.caseway.process.CaseProcess;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a case: the client and case records and the case-management process instance, whose
 * business key is the case number, in one transaction: if anything fails, nothing is created.
 */
@Service
public class CaseOpening {

    public record OpenedCase(String caseNumber, String processInstanceId, ServiceModel model) {
    }

    private final CaseFiles caseFiles;
    private final Timeline timeline;
    private final RuntimeService runtimeService;
    private final DecisionService decisionService;
    private final CurrentUser currentUser;

    CaseOpening(CaseFiles caseFiles, Timeline timeline, RuntimeService runtimeService, DecisionService decisionService,
                CurrentUser currentUser) {
        this.caseFiles = caseFiles;
        this.timeline = timeline;
        this.runtimeService = runtimeService;
        this.decisionService = decisionService;
        this.currentUser = currentUser;
    }

    @Transactional
    public OpenedCase open(NewCase request) {
        currentUser.requireAnyRole(Roles.CASE_WORKERS);
        String userId = currentUser.id();
        ServiceModel model = request.model() != null ? request.model() : defaultModel(request);
        String caseNumber = caseFiles.nextCaseNumber();
        long clientId = caseFiles.insertClient(request.firstName(), request.lastName(), request.dateOfBirth(),
                request.preferredLanguage(), request.phone(), request.email());
        long caseId = caseFiles.insertCase(caseNumber, clientId, request.caseType(), model, request.priority(),
                request.referralSource(), request.presentingNeeds(), userId);
        timeline.add(caseId, userId, "CASE_OPENED", null, "Case opened: %s, %s model, %s priority".formatted(
                request.caseType(), model, request.priority()));
        // only Caseway starts case processes (case workers have no engine permission to), after its checks
        ProcessInstance instance = currentUser.withoutEngineAuthorization(() -> runtimeService
                .createProcessInstanceByKey(CaseProcess.KEY)
                .businessKey(caseNumber)
                .setVariable(Variables.CASE_NUMBER.name(), caseNumber)
                .setVariable(Variables.CASE_TYPE.name(), request.caseType().name())
                .setVariable(Variables.MODEL.name(), model.name())
                .setVariable(Variables.PRIORITY.name(), request.priority().name())
                .execute());
        caseFiles.linkProcessInstance(caseId, instance.getId());
        return new OpenedCase(caseNumber, instance.getId(), model);
    }

    /** The case-model DMN gives each case type its default model; analysts change it without Java. */
    private ServiceModel defaultModel(NewCase request) {
        var result = currentUser.withoutEngineAuthorization(() -> decisionService
                .evaluateDecisionTableByKey(CaseProcess.CASE_MODEL_DECISION)
                .variables(java.util.Map.of(Variables.CASE_TYPE.name(), request.caseType().name()))
                .evaluate());
        Object model = result.size() == 1 ? result.getSingleResult().getSingleEntry() : null;
        if (!(model instanceof String name) || java.util.Arrays.stream(ServiceModel.values())
                .noneMatch(m -> m.name().equals(name))) {
            throw new ModelUndecidedException("The decision table '" + CaseProcess.CASE_MODEL_DECISION
                    + "' gives no single model for case type " + request.caseType()
                    + ": give 'model' (CLINICAL or BROKERAGE) in the request, or ask an analyst to fix the table");
        }
        return ServiceModel.valueOf((String) model);
    }

    /** The case-model table has no (single, valid) answer for the case type: answered with 422 naming "model". */
    public static class ModelUndecidedException extends RuntimeException {
        public ModelUndecidedException(String message) {
            super(message);
        }
    }
}

package org.caseway.process;

import static org.caseway.process.ProcessVariable.stringVariable;

/**
 * The backing class of the case-management and service-coordination processes: their keys,
 * public task keys, message names and the variables the flow routes on. Everything else a
 * step records lives in Caseway's tables.
 */
public final class CaseProcess {

    public static final String KEY = "case-management";
    public static final String SERVICE_COORDINATION_KEY = "service-coordination";
    public static final String CASE_MODEL_DECISION = "case-model";

    /** Message a provider's answer to a referral is correlated with (case number + service id). */
    public static final String MESSAGE_REFERRAL_RESPONSE = "ReferralResponse";

    /** Public task keys: filters, reports and analysts refer to them. */
    public static final class Tasks {
        public static final String INTAKE = "intake";
        public static final String NEEDS_ASSESSMENT = "needsAssessment";
        public static final String SERVICE_PLAN = "servicePlan";
        public static final String APPROVE_SERVICE_PLAN = "approveServicePlan";
        public static final String REFER_SERVICE = "referService";
        public static final String REFERRAL_FOLLOW_UP = "referralFollowUp";
        public static final String DELIVER_SERVICE = "deliverService";
        public static final String FOLLOW_UP_CONTACT = "followUpContact";
        public static final String CLOSURE_SUMMARY = "closureSummary";
        public static final String APPROVE_CLOSURE = "approveClosure";

        private Tasks() {
        }
    }

    /** Variables the flow routes on, plus the case's identifying attributes. */
    public static final class Variables {
        public static final ProcessVariable<String> CASE_NUMBER = stringVariable("caseNumber");
        public static final ProcessVariable<String> CASE_TYPE = stringVariable("caseType");
        public static final ProcessVariable<String> MODEL = stringVariable("model");
        public static final ProcessVariable<String> PRIORITY = stringVariable("priority");
        public static final ProcessVariable<String> INTAKE_OUTCOME = stringVariable("intakeOutcome");
        public static final ProcessVariable<String> RISK_LEVEL = stringVariable("riskLevel");
        public static final ProcessVariable<String> PLAN_DECISION = stringVariable("planDecision");
        public static final ProcessVariable<String> REVIEW_COMMENTS = stringVariable("reviewComments");
        public static final ProcessVariable<String> CLOSURE_DECISION = stringVariable("closureDecision");
        public static final ProcessVariable<String> CLOSURE_REVIEW_COMMENTS = stringVariable("closureReviewComments");
        public static final ProcessVariable<String> SERVICE_ID = stringVariable("serviceId");
        public static final ProcessVariable<String> PROVIDER_RESPONSE = stringVariable("providerResponse");
        public static final ProcessVariable<String> FOLLOW_UP_OUTCOME = stringVariable("followUpOutcome");

        /**
         * The variables the flow routes on: the only ones whose values the engine's history keeps
         * (everything else a form submits belongs to Caseway's tables and may be confidential).
         */
        public static final java.util.Set<String> ROUTING = java.util.Set.of(CASE_NUMBER.name(), CASE_TYPE.name(),
                MODEL.name(), PRIORITY.name(), INTAKE_OUTCOME.name(), RISK_LEVEL.name(), PLAN_DECISION.name(),
                REVIEW_COMMENTS.name(), CLOSURE_DECISION.name(), CLOSURE_REVIEW_COMMENTS.name(), SERVICE_ID.name(),
                PROVIDER_RESPONSE.name(), FOLLOW_UP_OUTCOME.name());

        /** Display-only task variables, set when a task is created, never routed on. */
        public static final ProcessVariable<String> PLAN_SUMMARY = stringVariable("planSummary");
        public static final ProcessVariable<String> GOALS_SUMMARY = stringVariable("goalsSummary");
        public static final ProcessVariable<String> CLOSURE_SUMMARY_TEXT = stringVariable("closureSummaryText");
        public static final ProcessVariable<String> SERVICE_TYPE = stringVariable("serviceType");
        public static final ProcessVariable<String> PROVIDER = stringVariable("provider");
        public static final ProcessVariable<String> CASE_SUMMARY = stringVariable("caseSummary");

        private Variables() {
        }
    }

    private CaseProcess() {
    }
}

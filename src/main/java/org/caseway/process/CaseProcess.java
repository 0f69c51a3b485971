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
    public static final String SERVICE_PLANNING_KEY = "service-planning";
    public static final String CASE_CLOSURE_KEY = "case-closure";
    public static final String REASSESSMENT_KEY = "case-reassessment";
    public static final String CONFERENCE_KEY = "case-conference";
    public static final String CRISIS_KEY = "crisis-intervention";
    public static final String CONTACT_CADENCE_DECISION = "contact-cadence";
    public static final String CASE_MODEL_DECISION = "case-model";
    /** A missed deadline's escalation to the supervisors (level 1) or the program managers (level 2). */
    public static final String SLA_ESCALATION_KEY = "sla-escalation";
    /** The deadlines of every user task: analysts change SLAs by redeploying it. */
    public static final String SLA_POLICY_DECISION = "sla-policy";

    /** Message a provider's answer to a referral is correlated with (case number + service id). */
    public static final String MESSAGE_REFERRAL_RESPONSE = "ReferralResponse";
    /** A crisis at any time from intake to closure (payload: crisisId). */
    public static final String MESSAGE_CRISIS_REPORTED = "CrisisReported";
    /** A reassessment on request during active care (payload: reassessmentReason). */
    public static final String MESSAGE_REASSESSMENT_REQUESTED = "ReassessmentRequested";
    /** A case conference on request (payload: conferenceId). */
    public static final String MESSAGE_CONFERENCE_REQUESTED = "CaseConferenceRequested";
    /** The case is to close for a reason other than goals met (payload: closureReason). */
    public static final String MESSAGE_CLOSURE_REQUESTED = "ClosureRequested";
    /** The late task of an escalation ended (completed or cancelled): the escalation is moot. */
    public static final String MESSAGE_ESCALATED_TASK_ENDED = "EscalatedTaskEnded";

    /** The scope in which reassessment and closure requests are accepted. */
    public static final String ACTIVE_CASE_SUBPROCESS = "subProcess_activeCase";

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
        public static final String CRISIS_RESPONSE = "crisisResponse";
        public static final String SAFETY_PLAN = "safetyPlan";
        public static final String CRISIS_REVIEW = "crisisReview";
        public static final String OUTREACH = "outreach";
        public static final String REASSESSMENT = "reassessment";
        public static final String CONFERENCE_INPUT = "conferenceInput";
        public static final String CONFERENCE_OUTCOME = "conferenceOutcome";
        public static final String POST_CLOSURE_CHECK = "postClosureCheck";
        public static final String ASSIGN_CASE_MANAGER = "assignCaseManager";
        public static final String ESCALATION = "escalation";

        /** Tasks for a supervisor: approvals, reviews and decisions a case manager may not take. */
        public static final java.util.Set<String> SUPERVISOR_TASKS = java.util.Set.of(APPROVE_SERVICE_PLAN,
                APPROVE_CLOSURE, CRISIS_REVIEW, ASSIGN_CASE_MANAGER, ESCALATION);

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
        public static final ProcessVariable<Boolean> URGENT_RISK = ProcessVariable.booleanVariable("urgentRisk");
        public static final ProcessVariable<String> NEXT_STEP = stringVariable("nextStep");
        public static final ProcessVariable<Long> MISSED_CONTACTS = ProcessVariable.longVariable("missedContacts");
        public static final ProcessVariable<Long> NO_PROGRESS_CONTACTS = ProcessVariable.longVariable("noProgressContacts");
        public static final ProcessVariable<Boolean> SIGNIFICANT_CHANGE = ProcessVariable.booleanVariable("significantChange");
        public static final ProcessVariable<String> OUTREACH_OUTCOME = stringVariable("outreachOutcome");
        public static final ProcessVariable<String> PLAN_CHANGE_NEEDED = stringVariable("planChangeNeeded");
        public static final ProcessVariable<String> CRISIS_OUTCOME = stringVariable("crisisOutcome");
        public static final ProcessVariable<String> CLOSURE_REASON = stringVariable("closureReason");
        public static final ProcessVariable<String> CRISIS_ID = stringVariable("crisisId");
        public static final ProcessVariable<String> CONFERENCE_ID = stringVariable("conferenceId");
        public static final ProcessVariable<String> REASSESSMENT_REASON = stringVariable("reassessmentReason");
        public static final ProcessVariable<String> CONTACT_INTERVAL = stringVariable("contactInterval");
        public static final ProcessVariable<String> PARTICIPANT = stringVariable("participant");
        public static final ProcessVariable<String> CASE_MANAGER = stringVariable("caseManager");
        /** The escalation's late task (sla-escalation). */
        public static final ProcessVariable<String> ESCALATED_TASK_ID = stringVariable("escalatedTaskId");
        /** 1: the supervisors at the deadline; 2: the program managers past the second limit. */
        public static final ProcessVariable<Long> ESCALATION_LEVEL = ProcessVariable.longVariable("escalationLevel");
        /** ROUTINE, URGENT or CRISIS: the SLA class of the late task, which its escalation inherits. */
        public static final ProcessVariable<String> SLA_PRIORITY = stringVariable("slaPriority");

        /**
         * The variables the flow routes on: the only ones whose values the engine's history keeps
         * (everything else a form submits belongs to Caseway's tables and may be confidential).
         */
        public static final java.util.Set<String> ROUTING = java.util.Set.of(CASE_NUMBER.name(), CASE_TYPE.name(),
                MODEL.name(), PRIORITY.name(), INTAKE_OUTCOME.name(), RISK_LEVEL.name(), PLAN_DECISION.name(),
                CLOSURE_DECISION.name(), SERVICE_ID.name(),
                PROVIDER_RESPONSE.name(), FOLLOW_UP_OUTCOME.name(), URGENT_RISK.name(), NEXT_STEP.name(),
                MISSED_CONTACTS.name(), NO_PROGRESS_CONTACTS.name(), SIGNIFICANT_CHANGE.name(), OUTREACH_OUTCOME.name(),
                PLAN_CHANGE_NEEDED.name(), CRISIS_OUTCOME.name(), CLOSURE_REASON.name(), CRISIS_ID.name(),
                CONFERENCE_ID.name(), CONTACT_INTERVAL.name(), PARTICIPANT.name(), CASE_MANAGER.name(),
                ESCALATED_TASK_ID.name(), ESCALATION_LEVEL.name(), SLA_PRIORITY.name());

        /**
         * Variables a case's processes keep at run time: the routing ones and the supervisor's
         * comments shown on a returned plan or closure (free text: never in the engine's history).
         */
        public static final java.util.Set<String> KEPT;

        static {
            java.util.Set<String> kept = new java.util.HashSet<>(ROUTING);
            kept.add(REVIEW_COMMENTS.name());
            kept.add(CLOSURE_REVIEW_COMMENTS.name());
            KEPT = java.util.Set.copyOf(kept);
        }

        /** Display-only task variables, set when a task is created, never routed on. */
        public static final ProcessVariable<String> PLAN_SUMMARY = stringVariable("planSummary");
        public static final ProcessVariable<String> GOALS_SUMMARY = stringVariable("goalsSummary");
        public static final ProcessVariable<String> CLOSURE_SUMMARY_TEXT = stringVariable("closureSummaryText");
        public static final ProcessVariable<String> SERVICE_TYPE = stringVariable("serviceType");
        public static final ProcessVariable<String> PROVIDER = stringVariable("provider");
        public static final ProcessVariable<String> CASE_SUMMARY = stringVariable("caseSummary");
        public static final ProcessVariable<String> CRISIS_SUMMARY = stringVariable("crisisSummary");
        public static final ProcessVariable<String> CONFERENCE_SUMMARY = stringVariable("conferenceSummary");
        public static final ProcessVariable<String> CONFERENCE_INPUTS = stringVariable("conferenceInputs");
        public static final ProcessVariable<String> ESCALATION_SUMMARY = stringVariable("escalationSummary");
        /** Shown on the Tasklist card: AT_RISK after the reminder, OVERDUE after the deadline, EXTENDED. */
        public static final ProcessVariable<String> SLA_STATE = stringVariable("slaState");

        private Variables() {
        }
    }

    private CaseProcess() {
    }
}

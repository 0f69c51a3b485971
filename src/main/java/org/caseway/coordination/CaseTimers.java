package org.caseway.coordination;

import org.caseway.system.CasewayProperties;
import org.springframework.stereotype.Component;

/** Durations the coordination model's timers read from configuration (${caseTimers.referralResponseTimeout}). */
@Component("caseTimers")
public class CaseTimers {

    private final CasewayProperties properties;

    CaseTimers(CasewayProperties properties) {
        this.properties = properties;
    }

    /** ISO-8601 duration after which an unanswered referral raises a follow-up task. */
    public String getReferralResponseTimeout() {
        return properties.coordination().referralResponseTimeout().toString();
    }

    /** ISO-8601 repeating interval of scheduled reassessments, e.g. R/P90D. */
    public String getReassessmentCycle() {
        return "R/" + properties.monitoring().reassessmentInterval();
    }

    /** ISO-8601 duration after closure approval until the post-closure check. */
    public String getPostClosureCheckDelay() {
        return properties.monitoring().postClosureCheckDelay().toString();
    }
}

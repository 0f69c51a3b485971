package org.caseway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shipped sla-policy.dmn with one rule above the others (the hit policy is FIRST, so intake tasks take it):
 * an intake task is reminded after 1 s and due after 2 s, around the clock; its second escalation is an hour
 * later. Deployed as a new version, it makes deadlines pass in seconds without touching any clock, which is the
 * product's contract for a redeployed policy.
 */
public final class FastIntakePolicy {

    /** The id of the inserted rule. */
    public static final String RULE_ID = "rule_00_fastIntake";

    public static String xml(String description) {
        String original;
        try (InputStream in = FastIntakePolicy.class.getResourceAsStream("/processes/sla-policy.dmn")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fast = original.replace("<rule id=\"rule_01\">", """
                <rule id="%s">
                        <description>%s: intake reminded after 1 s, due after 2 s, around the clock</description>
                        <inputEntry id="in_00_taskKey"><text>"intake"</text></inputEntry>
                        <inputEntry id="in_00_priority"><text></text></inputEntry>
                        <inputEntry id="in_00_riskLevel"><text></text></inputEntry>
                        <outputEntry id="out_00_goal"><text>"PT1S"</text></outputEntry>
                        <outputEntry id="out_00_deadline"><text>"PT2S"</text></outputEntry>
                        <outputEntry id="out_00_second"><text>"PT1H"</text></outputEntry>
                        <outputEntry id="out_00_businessHours"><text>false</text></outputEntry>
                      </rule>
                      <rule id="rule_01">""".formatted(RULE_ID, description));
        if (!fast.contains(RULE_ID) || !fast.contains("<rule id=\"rule_01\">")) {
            throw new IllegalStateException("sla-policy.dmn has no rule_01 to insert the fast intake rule before");
        }
        return fast;
    }

    private FastIntakePolicy() {
    }
}

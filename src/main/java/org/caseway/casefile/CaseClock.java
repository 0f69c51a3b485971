package org.caseway.casefile;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Caseway's time is the engine's time, so records and timers agree (also when tests move the clock). */
public final class CaseClock {

    private CaseClock() {
    }

    public static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
}

package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** A concurrent change is recognised however deep the engine's exception is wrapped, and nothing else is one. */
class ConcurrentChangeTest {

    private final OptimisticLockingException conflict = new OptimisticLockingException("updated concurrently");

    @Test
    void theEnginesExceptionAsItComesOrWrapped() {
        assertThat(ConcurrentChange.in(conflict)).containsSame(conflict);
        assertThat(ConcurrentChange.in(new ProcessEngineException("listener failed", conflict))).containsSame(conflict);
        assertThat(ConcurrentChange.in(new IllegalStateException(new ProcessEngineException("outer", conflict))))
                .containsSame(conflict);
    }

    @Test
    void otherFailuresAreNotOne() {
        assertThat(ConcurrentChange.in(new BadUserRequestException("no such task"))).isEmpty();
        assertThat(ConcurrentChange.in(new ProcessEngineException("failed", new IllegalStateException()))).isEmpty();
        assertThat(ConcurrentChange.in(null)).isEmpty();
    }

    @Test
    void aCycleOfCausesEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.initCause(second);
        assertThat(ConcurrentChange.in(second)).isEmpty();
    }
}

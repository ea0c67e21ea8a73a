package dev.veer.configwatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HistoryCollectorTest {

    private static final List<VersionedObject> SIX = List.of(v(1), v(2), v(3), v(4), v(5), v(6));

    @Test
    void keepsTheNewestUpToTheLimitCountingTheCurrentOne() {
        assertThat(HistoryCollector.toDelete(SIX, "cfg-6", Set.of(), 3)).containsExactly("cfg-3", "cfg-2", "cfg-1");
    }

    @Test
    void neverDeletesOneAConsumerStillRefersTo() {
        assertThat(HistoryCollector.toDelete(SIX, "cfg-6", Set.of("cfg-2"), 3)).containsExactly("cfg-3", "cfg-1");
    }

    @Test
    void neverDeletesTheCurrentOneEvenIfItsRevisionLabelIsOld() {
        assertThat(HistoryCollector.toDelete(SIX, "cfg-1", Set.of(), 2)).containsExactly("cfg-5", "cfg-4", "cfg-3", "cfg-2");
    }

    @Test
    void deletesNothingWithinTheLimit() {
        assertThat(HistoryCollector.toDelete(SIX, "cfg-6", Set.of(), 6)).isEmpty();
        assertThat(HistoryCollector.toDelete(List.of(), "cfg-1", Set.of(), 1)).isEmpty();
    }

    private static VersionedObject v(int revision) {
        return new VersionedObject("cfg-" + revision, "h" + revision, revision);
    }
}

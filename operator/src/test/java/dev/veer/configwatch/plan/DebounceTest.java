package dev.veer.configwatch.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.veer.configwatch.etcd.PrefixView;
import dev.veer.configwatch.etcd.PrefixView.Change;
import dev.veer.configwatch.etcd.SourceStatus;

class DebounceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    @Test
    void waitsUntilTheSourceHasBeenQuietForTheDebounceTime() {
        PrefixView view = view(12, Map.of(11L, 0L, 12L, 500L));

        assertThat(Debounce.waitUntil(10, view, TWO_SECONDS, T0.plusMillis(600))).contains(T0.plusMillis(2500));
        assertThat(Debounce.waitUntil(10, view, TWO_SECONDS, T0.plusMillis(2500))).isEmpty();
    }

    @Test
    void aSteadyStreamOfChangesIsAppliedAtTheLatestFiveDebounceTimesAfterItsFirstChange() {
        PrefixView view = view(30, Map.of(11L, 0L, 20L, 8_000L, 30L, 9_500L));

        assertThat(Debounce.waitUntil(10, view, TWO_SECONDS, T0.plusMillis(9_600))).contains(T0.plusSeconds(10));
        assertThat(Debounce.waitUntil(10, view, TWO_SECONDS, T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void onlyChangesAfterTheAppliedRevisionCount() {
        PrefixView view = view(30, Map.of(11L, 0L, 30L, 9_500L));

        assertThat(Debounce.waitUntil(11, view, TWO_SECONDS, T0.plusMillis(9_600))).contains(T0.plusMillis(11_500));
    }

    @Test
    void nothingNewOrNoDebounceOrUnseenArrivalIsDueAtOnce() {
        assertThat(Debounce.waitUntil(12, view(12, Map.of(12L, 0L)), TWO_SECONDS, T0)).as("up to date").isEmpty();
        assertThat(Debounce.waitUntil(10, view(12, Map.of(12L, 0L)), Duration.ZERO, T0)).as("no debounce").isEmpty();
        assertThat(Debounce.waitUntil(10, view(12, Map.of()), TWO_SECONDS, T0)).as("listed, not watched").isEmpty();
    }

    private static PrefixView view(long revision, Map<Long, Long> changeMillis) {
        List<Change> changes = new TreeMap<>(changeMillis).entrySet().stream()
                .map(e -> new Change(e.getKey(), T0.plusMillis(e.getValue()))).toList();
        return new PrefixView(new SourceStatus(SourceStatus.Phase.LIVE, SourceStatus.WATCHING, "", T0), true,
                revision, new TreeMap<>(), changes);
    }

}

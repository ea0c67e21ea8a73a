package dev.veer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.veer.api.SnapshotVerdict;

class SnapshotGcTest {

    private static SnapshotHistory revisions(int count) {
        return new SnapshotHistory(IntStream.rangeClosed(1, count)
                .mapToObj(r -> new SnapshotRecord("app-" + r, r, "h" + r, SnapshotVerdict.Superseded)).toList());
    }

    @ParameterizedTest(name = "{0} snapshots, limit {1}, protected {2} -> delete {3}")
    @CsvSource(delimiter = ';', value = {
            "5; 3; ''; 1,2",
            "5; 5; ''; ''",
            "3; 10; ''; ''",
            "6; 2; 1; 2,3,4",
            "6; 2; 1,2; 3,4",
            "6; 1; 6,3; 1,2,4,5" })
    void oldestBeyondTheLimitGoButNeverAProtectedRevision(int count, int limit, String protectedText, String expected) {
        Set<Integer> keep = protectedText.isEmpty() ? Set.of()
                : Set.copyOf(List.of(protectedText.split(",")).stream().map(Integer::valueOf).toList());

        List<Integer> deleted = SnapshotGc.select(revisions(count), limit, keep).stream()
                .map(SnapshotRecord::revision).sorted().toList();

        assertThat(deleted).isEqualTo(expected.isEmpty() ? List.of()
                : List.of(expected.split(",")).stream().map(Integer::valueOf).toList());
    }
}

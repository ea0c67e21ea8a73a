package dev.veer.configwatch.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.veer.configwatch.etcd.PrefixView;

/**
 * When a change of the source is due to be materialised: once the prefix has been quiet for the debounce time since
 * its latest change, and at the latest {@value #MAX_DELAY_FACTOR} times the debounce time after the first change
 * not yet applied, so that a steady stream of changes still gets out. A change whose arrival the watch did not see
 * (the first list, a list after an operator restart) is due at once.
 */
public final class Debounce {

    static final int MAX_DELAY_FACTOR = 5;

    private Debounce() {
    }

    /** Empty when the view's changes after {@code appliedRevision} are due now; else when they will be. */
    public static Optional<Instant> waitUntil(long appliedRevision, PrefixView view, Duration debounce, Instant now) {
        if (view.revision() <= appliedRevision || debounce.isZero()) {
            return Optional.empty();
        }
        Optional<Instant> first = view.firstChangeAfter(appliedRevision);
        Optional<Instant> last = view.lastChange();
        if (first.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        Instant quiet = last.get().plus(debounce);
        Instant latest = first.get().plus(debounce.multipliedBy(MAX_DELAY_FACTOR));
        Instant due = quiet.isBefore(latest) ? quiet : latest;
        return now.isBefore(due) ? Optional.of(due) : Optional.empty();
    }
}

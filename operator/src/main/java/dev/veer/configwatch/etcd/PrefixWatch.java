package dev.veer.configwatch.etcd;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;

import dev.veer.configwatch.model.ConfigRenderer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;

/**
 * One etcd prefix, listed and then watched, held in memory for the reconcilers that read it.
 *
 * <p>Listing gives the keys and the revision R they are at; the watch then starts at R + 1, always with a revision
 * (a watch without one can replay an old event after a reconnect). On a disconnect the watch is closed and resumed,
 * with exponential backoff ({@value #FIRST_RETRY_MS} ms doubling to {@value #MAX_RETRY_MS} ms), from the revision
 * after the last event applied, so no change is lost; meanwhile the data stays as it was. If etcd compacted that
 * revision away, the prefix is listed again. A refusal (permission denied, bad user or password) closes the watch for
 * good: it is reported, not retried, until the ConfigWatch's spec or Secret changes and makes a new watch. (A watch
 * refused once is first checked by logging in again and listing: an expired auth token looks the same.)
 *
 * <p>Every state change runs on the watch's own thread; readers get an immutable {@link PrefixView}.
 */
final class PrefixWatch implements AutoCloseable {

    static final long FIRST_RETRY_MS = 200;
    static final long MAX_RETRY_MS = 5000;

    private static final Logger LOG = Logger.getLogger("dev.veer.configwatch.etcd");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final WatchKey key;
    private final ByteSequence prefix;
    private final Clock clock;
    private final Runnable onChange;
    private final ScheduledExecutorService thread;

    // Guarded by this; written on the watch's thread only.
    private final SortedMap<String, byte[]> entries = new TreeMap<>();
    private final Deque<PrefixView.Change> changes = new ArrayDeque<>();
    private SourceStatus status;
    private boolean listed;
    private long revision;
    private PrefixView view;

    // Confined to the watch's thread.
    private Client client;
    private Watch.Watcher watcher;
    private int attempt;
    private int watcherGeneration;
    private boolean recheckingDenial;
    private boolean closed;

    PrefixWatch(WatchKey key, Clock clock, Runnable onChange) {
        this.key = key;
        this.prefix = ByteSequence.from(key.prefix(), StandardCharsets.UTF_8);
        this.clock = clock;
        this.onChange = onChange;
        this.status = new SourceStatus(SourceStatus.Phase.CONNECTING, SourceStatus.CONNECTING,
                "connecting to etcd at " + String.join(",", key.endpoints()), clock.instant());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "veer-etcd-watch-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::list);
    }

    synchronized PrefixView view() {
        if (view == null) {
            view = new PrefixView(status, listed, revision, entries, changes.stream().toList());
        }
        return view;
    }

    WatchKey key() {
        return key;
    }

    @Override
    public void close() {
        thread.execute(() -> {
            closed = true;
            closeWatcher();
            closeClient();
        });
        thread.shutdown();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // On the watch's thread

    /** Lists the prefix, replacing what is held, and watches from the revision after the list. */
    private void list() {
        if (closed) {
            return;
        }
        closeWatcher();
        GetResponse response;
        try {
            response = client().getKVClient().get(prefix, GetOption.builder().isPrefix(true).build())
                    .get(key.dialTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failed(e, this::list);
            return;
        }
        synchronized (this) {
            SortedMap<String, byte[]> listedEntries = new TreeMap<>();
            for (KeyValue kv : response.getKvs()) {
                listedEntries.put(name(kv), kv.getValue().getBytes());
            }
            boolean differs = listed && !sameEntries(listedEntries);
            entries.clear();
            entries.putAll(listedEntries);
            revision = response.getHeader().getRevision();
            if (differs) {
                recordChange(revision);
            }
            listed = true;
            live();
        }
        LOG.debugf("Listed %s: %d keys at revision %d", key.describe(), response.getKvs().size(), revision);
        watch();
        onChange.run();
    }

    /** Watches from the revision after the last one applied. */
    private void watch() {
        int generation = ++watcherGeneration;
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(revision + 1)
                .withCreateNotify(true).build();
        try {
            watcher = client().getWatchClient().watch(prefix, option, Watch.listener(
                    response -> submit(() -> onResponse(generation, response)),
                    error -> submit(() -> onError(generation, error))));
        } catch (RuntimeException e) {
            failed(e, this::list);
        }
    }

    /** Hands a jetcd callback to the watch's thread; after {@link #close()} there is nothing left to do. */
    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closedMeanwhile) {
            // closed: the callback has nothing to update
        }
    }

    private void onResponse(int generation, WatchResponse response) {
        if (closed || generation != watcherGeneration) {
            return;
        }
        recheckingDenial = false;
        synchronized (this) {
            for (WatchEvent event : response.getEvents()) {
                KeyValue kv = event.getKeyValue();
                if (event.getEventType() == WatchEvent.EventType.PUT) {
                    entries.put(name(kv), kv.getValue().getBytes());
                } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                    entries.remove(name(kv));
                }
                revision = Math.max(revision, kv.getModRevision());
            }
            if (!response.getEvents().isEmpty()) {
                recordChange(revision);
            }
            live();
        }
        onChange.run();
    }

    private void onError(int generation, Throwable error) {
        if (closed || generation != watcherGeneration) {
            return;
        }
        closeWatcher();
        if (EtcdErrors.isCompacted(error)) {
            LOG.infof("Watch of %s fell behind a compaction of etcd: listing again", key.describe());
            thread.execute(this::list);
            return;
        }
        if (EtcdErrors.classify(error, key, clock.instant()).phase() == SourceStatus.Phase.DENIED
                && !recheckingDenial) {
            // An expired auth token also shows as a denied watch: log in again and list before believing it.
            recheckingDenial = true;
            closeClient();
            thread.execute(this::list);
            return;
        }
        failed(error, this::watch);
    }

    /** Reports the failure and retries with backoff, unless etcd refused: then the watch stays closed. */
    private void failed(Throwable error, Runnable retry) {
        SourceStatus failure = EtcdErrors.classify(error, key, clock.instant());
        boolean changed;
        synchronized (this) {
            changed = status.phase() != failure.phase() || !status.reason().equals(failure.reason());
            status = changed ? failure : status;
            view = null;
        }
        if (failure.phase() == SourceStatus.Phase.DENIED) {
            LOG.warnf("%s; not retrying until the ConfigWatch's spec or Secret changes", failure.message());
            closeClient();
        } else {
            long delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(attempt++, 10));
            if (changed) {
                LOG.infof("%s; retrying with backoff", failure.message());
            }
            thread.schedule(() -> {
                if (!closed) {
                    retry.run();
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
        if (changed) {
            onChange.run();
        }
    }

    private void live() {
        attempt = 0;
        if (!status.isLive()) {
            status = new SourceStatus(SourceStatus.Phase.LIVE, SourceStatus.WATCHING,
                    "watching " + key.describe() + " at revision " + revision, clock.instant());
        }
        view = null;
    }

    private void recordChange(long atRevision) {
        changes.addLast(new PrefixView.Change(atRevision, clock.instant()));
        while (changes.size() > PrefixView.MAX_CHANGES) {
            changes.removeFirst();
        }
    }

    private boolean sameEntries(SortedMap<String, byte[]> other) {
        if (other.size() != entries.size()) {
            return false;
        }
        return other.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), entries.get(e.getKey())));
    }

    private String name(KeyValue kv) {
        byte[] full = kv.getKey().getBytes();
        return ConfigRenderer.keyName(Arrays.copyOfRange(full, prefix.size(), full.length));
    }

    private Client client() {
        if (client == null) {
            client = connect();
        }
        return client;
    }

    private Client connect() {
        ClientBuilder builder = Client.builder()
                .endpoints(key.endpoints().toArray(String[]::new))
                .connectTimeout(key.dialTimeout())
                .waitForReady(false);
        EtcdCredentials credentials = key.credentials();
        credentials.username().ifPresent(u -> builder.user(ByteSequence.from(u, StandardCharsets.UTF_8)));
        credentials.password().ifPresent(p -> builder.password(ByteSequence.from(p, StandardCharsets.UTF_8)));
        if (credentials.caCertificate().isPresent() || credentials.clientCertificate().isPresent()) {
            try {
                builder.sslContext(ssl -> {
                    credentials.caCertificate().ifPresent(ca -> ssl.trustManager(new ByteArrayInputStream(ca)));
                    if (credentials.clientCertificate().isPresent() && credentials.clientKey().isPresent()) {
                        ssl.keyManager(new ByteArrayInputStream(credentials.clientCertificate().get()),
                                new ByteArrayInputStream(credentials.clientKey().get()));
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw new InvalidCredentialsException("the TLS material of the Secret is not usable PEM ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return builder.build();
    }

    private void closeWatcher() {
        watcherGeneration++;
        if (watcher != null) {
            Watch.Watcher old = watcher;
            watcher = null;
            old.close();
        }
    }

    private void closeClient() {
        closeWatcher();
        if (client != null) {
            client.close();
            client = null;
        }
    }
}

package dev.veer.common;

import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;

/**
 * Removes the metric series of a controller's deleted objects at once: JOSDK tells every {@link ResourceEventAware}
 * event source of a controller about the create, update and delete events of its own informer, finalizer or not, so
 * this costs no informer of its own. A delete missed while the informer's watch was broken comes as a delete when the
 * informer lists again. When it starts, the series of objects the primary cache does not hold are removed (series live
 * in the operator's memory: after a restart there are none to miss). It produces no events.
 */
public class SeriesCleanup<P extends HasMetadata> extends AbstractEventSource<Void, P>
        implements ResourceEventAware<P> {

    private final ObjectSeries series;
    private final EventSourceContext<P> context;

    public SeriesCleanup(ObjectSeries series, EventSourceContext<P> context) {
        super(Void.class, "series-cleanup-" + series.kind().toLowerCase(java.util.Locale.ROOT));
        this.series = series;
        this.context = context;
    }

    @Override
    public void start() throws OperatorException {
        super.start();
        series.retainOnly(context.getPrimaryCache().list()
                .map(p -> ObjectSeries.key(p.getMetadata().getNamespace(), p.getMetadata().getName())).toList());
    }

    @Override
    public void onResourceCreated(P resource) {
        series.revive(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    @Override
    public void onResourceDeleted(P resource) {
        series.forget(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    @Override
    public Set<Void> getSecondaryResources(P primary) {
        return Set.of();
    }
}

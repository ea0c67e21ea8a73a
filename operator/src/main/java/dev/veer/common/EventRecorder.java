package dev.veer.common;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Records Kubernetes Events (core/v1, as {@code kubectl describe} shows them) on Veer's resources. */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger("dev.veer.events");
    private static final String COMPONENT = "veer";

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void record(HasMetadata involved, boolean warning, String reason, String message) {
        String now = clock.instant().toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withGenerateName(involved.getMetadata().getName() + ".")
                .withNamespace(involved.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(involved.getApiVersion())
                .withKind(involved.getKind())
                .withName(involved.getMetadata().getName())
                .withNamespace(involved.getMetadata().getNamespace())
                .withUid(involved.getMetadata().getUid())
                .endInvolvedObject()
                .withType(warning ? "Warning" : "Normal")
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        LOG.infof("%s %s/%s %s: %s", involved.getKind(), involved.getMetadata().getNamespace(),
                involved.getMetadata().getName(), reason, message);
        try {
            client.v1().events().resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is an account, not state: failing to record one must not fail the reconcile.
            LOG.warnf("Event %s on %s/%s not recorded: %s", reason, involved.getMetadata().getNamespace(),
                    involved.getMetadata().getName(), e.getMessage());
        }
    }
}

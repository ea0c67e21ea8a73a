package dev.veer.common;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * Whether Veer may write an object that already exists. Pure: decided from the object as read and what Veer is about
 * to write, before anything is written.
 *
 * <ul>
 * <li>An object Veer <em>creates</em> (it carries a controller owner reference to a ServiceRollout or ConfigWatch) may
 * be written when the existing one has an owner reference with the same uid: Veer created it for this owner.</li>
 * <li>An object Veer <em>edits</em> because a spec names it (the user's HTTPRoute or VirtualService, a ConfigWatch's
 * consumer Deployment; Veer writes only its own fields there) may be written unless another controller owns it (a
 * controller owner reference): another operator's object is not Veer's to change.</li>
 * <li>Either way, the annotation {@value #ADOPT}{@code : "true"} on the existing object hands it over.</li>
 * </ul>
 */
public final class Ownership {

    /** The annotation by which a user hands an existing object over to Veer. */
    public static final String ADOPT = Labels.PREFIX + "adopt";
    static final String UNKNOWN = "unknown";

    private Ownership() {
    }

    /**
     * @throws NameInUseException when {@code existing} is not Veer's to write with {@code desired}
     */
    public static void requireWritable(HasMetadata existing, HasMetadata desired) {
        if (existing == null || handedOver(existing)) {
            return;
        }
        Optional<OwnerReference> owner = controller(desired);
        boolean writable = owner.isPresent()
                ? references(existing).stream().anyMatch(ref -> Objects.equals(ref.getUid(), owner.get().getUid()))
                : controller(existing).isEmpty();
        if (!writable) {
            throw new NameInUseException(existing.getKind(), existing.getMetadata().getNamespace(),
                    existing.getMetadata().getName(), manager(existing));
        }
    }

    /** The first field manager of the object other than Veer, or {@code unknown}. */
    static String manager(HasMetadata existing) {
        List<ManagedFieldsEntry> entries = existing.getMetadata().getManagedFields();
        String manager = entries == null ? null : entries.stream().map(ManagedFieldsEntry::getManager)
                .filter(m -> m != null && !m.isEmpty() && !ResourceWriter.FIELD_MANAGER.equals(m))
                .findFirst().orElse(null);
        if (manager != null) {
            return manager;
        }
        return controller(existing).map(ref -> ref.getKind() + "/" + ref.getName()).orElse(UNKNOWN);
    }

    private static boolean handedOver(HasMetadata existing) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(ADOPT));
    }

    private static Optional<OwnerReference> controller(HasMetadata object) {
        return references(object).stream().filter(ref -> Boolean.TRUE.equals(ref.getController())).findFirst();
    }

    private static List<OwnerReference> references(HasMetadata object) {
        return Objects.requireNonNullElse(object.getMetadata().getOwnerReferences(), List.of());
    }
}

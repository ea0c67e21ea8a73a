package dev.veer.gitsync.plan;

import java.util.Comparator;

import dev.veer.api.GitSyncObject;

/**
 * The order objects are applied in: CustomResourceDefinitions, then Namespaces (what other objects need to exist),
 * then everything else in file and document order. Prune deletes in the reverse order.
 */
public final class ApplyOrder {

    static final int CRD = 0;
    static final int NAMESPACE = 1;
    static final int OTHER = 2;

    public static final Comparator<Manifest> MANIFESTS = Comparator.<Manifest>comparingInt(m -> rank(m.id()))
            .thenComparing(Manifest::file).thenComparingInt(Manifest::document);

    private ApplyOrder() {
    }

    static int rank(GitSyncObject id) {
        if ("CustomResourceDefinition".equals(id.getKind()) && "apiextensions.k8s.io".equals(id.group())) {
            return CRD;
        }
        if ("Namespace".equals(id.getKind()) && id.group().isEmpty()) {
            return NAMESPACE;
        }
        return OTHER;
    }
}

package dev.veer.gitsync.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the API server answered to the server-side dry-run apply of one object. */
public sealed interface DryRunAnswer {

    /**
     * Accepted: the object as it is ({@code live}, null when it does not exist) and as it would be after the apply.
     */
    record Valid(ObjectNode live, ObjectNode afterApply) implements DryRunAnswer {
    }

    /** Refused: the API server's message (schema, admission, conflict with another field manager, ...). */
    record Invalid(String message) implements DryRunAnswer {
    }

    /**
     * Its kind is not served or its namespace does not exist yet: it cannot be checked before the CRDs and Namespaces
     * of the commit are applied.
     */
    record DefinitionMissing(String message) implements DryRunAnswer {
    }
}

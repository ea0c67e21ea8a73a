package dev.veer.common;

/**
 * An object Veer would write exists and is not Veer's: it was not created for this owner and was not handed over with
 * the annotation {@value Ownership#ADOPT}{@code : "true"}. Nothing was written to it. Reconcilers report it as a
 * condition with reason {@value #REASON}.
 */
public class NameInUseException extends RuntimeException {

    /** The condition reason. */
    public static final String REASON = "NameInUse";

    private final String kind;
    private final String name;
    private final String manager;

    public NameInUseException(String kind, String namespace, String name, String manager) {
        super(kind + " " + namespace + "/" + name + " exists and is not Veer's (managed by " + manager
                + "); Veer writes nothing to it. Rename it, delete it, or hand it over to Veer with the annotation "
                + Ownership.ADOPT + "=true");
        this.kind = kind;
        this.name = name;
        this.manager = manager;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** Who manages the object, from its managedFields; {@code unknown} when it has none. */
    public String manager() {
        return manager;
    }
}

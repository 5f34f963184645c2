package io.acapromoter.policy;

/** How the target's apps may authenticate to the registry they pull the candidate from. */
public enum RegistryAuth {
    /** A managed identity (system or user-assigned) with AcrPull; a stored registry password is refused. */
    MANAGED_IDENTITY("managed-identity"),
    /** Whatever the app is configured with. */
    ANY("any");

    private final String key;

    RegistryAuth(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

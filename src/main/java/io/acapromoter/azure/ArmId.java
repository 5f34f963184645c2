package io.acapromoter.azure;

/** The parts of an ARM resource id the SDK calls need: subscription, resource group and name. */
record ArmId(String subscriptionId, String resourceGroupName, String name) {

    static ArmId parse(String resourceId) {
        String[] parts = resourceId.split("/");
        String subscription = null;
        String group = null;
        for (int i = 1; i + 1 < parts.length; i += 2) {
            if (parts[i].equalsIgnoreCase("subscriptions")) {
                subscription = parts[i + 1];
            } else if (parts[i].equalsIgnoreCase("resourceGroups")) {
                group = parts[i + 1];
            }
        }
        if (subscription == null || group == null || parts.length < 2) {
            throw new IllegalArgumentException("'" + resourceId + "' is not an ARM resource id "
                    + "(/subscriptions/<id>/resourceGroups/<rg>/providers/<namespace>/<type>/<name>)");
        }
        return new ArmId(subscription, group, parts[parts.length - 1]);
    }
}

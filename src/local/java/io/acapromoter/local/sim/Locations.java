package io.acapromoter.local.sim;

import java.util.Locale;
import java.util.Map;

/**
 * Azure region names as the Container Apps provider writes them in a resource's {@code location}:
 * the display name ({@code "East US"}, as recorded in real traffic), whatever form the create
 * request used. Long-running-operation URLs use the short name ({@link Operations}).
 */
final class Locations {
    private static final Map<String, String> DISPLAY = Map.ofEntries(
            Map.entry("eastus", "East US"), Map.entry("eastus2", "East US 2"), Map.entry("westus", "West US"),
            Map.entry("westus2", "West US 2"), Map.entry("westus3", "West US 3"), Map.entry("centralus", "Central US"),
            Map.entry("northcentralus", "North Central US"), Map.entry("southcentralus", "South Central US"),
            Map.entry("westcentralus", "West Central US"), Map.entry("canadacentral", "Canada Central"),
            Map.entry("brazilsouth", "Brazil South"), Map.entry("westeurope", "West Europe"), Map.entry("northeurope", "North Europe"),
            Map.entry("uksouth", "UK South"), Map.entry("ukwest", "UK West"), Map.entry("francecentral", "France Central"),
            Map.entry("germanywestcentral", "Germany West Central"), Map.entry("swedencentral", "Sweden Central"),
            Map.entry("switzerlandnorth", "Switzerland North"), Map.entry("norwayeast", "Norway East"),
            Map.entry("polandcentral", "Poland Central"), Map.entry("italynorth", "Italy North"),
            Map.entry("eastasia", "East Asia"), Map.entry("southeastasia", "Southeast Asia"), Map.entry("japaneast", "Japan East"),
            Map.entry("japanwest", "Japan West"), Map.entry("koreacentral", "Korea Central"), Map.entry("centralindia", "Central India"),
            Map.entry("australiaeast", "Australia East"), Map.entry("southafricanorth", "South Africa North"),
            Map.entry("uaenorth", "UAE North"));

    private Locations() {
    }

    /** The display name of a region given by short or display name; an unknown name is kept as given. */
    static String display(String location) {
        String known = DISPLAY.get(location.replace(" ", "").toLowerCase(Locale.ROOT));
        return known != null ? known : location;
    }
}

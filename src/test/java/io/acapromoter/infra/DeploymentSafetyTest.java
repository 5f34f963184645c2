package io.acapromoter.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real deployment must not get wrong: which routes skip sign-in, which rights the promoter's
 * identity does not get, custom role names that cannot collide, and a post-deploy step that fails
 * the deployment when sign-in is not enforced and waits for the Event Grid key instead of failing.
 */
class DeploymentSafetyTest {

    @Test
    void onlyEventGridAndTheHealthProbe_skipSignIn() throws IOException {
        String bicep = Files.readString(Path.of("infra/modules/functionapp.bicep"));
        Matcher excluded = Pattern.compile("excludedPaths: \\[(.*?)]", Pattern.DOTALL).matcher(bicep);
        assertThat(excluded.find()).isTrue();

        assertThat(Pattern.compile("'([^']+)'").matcher(excluded.group(1)).results().map(m -> m.group(1)).toList())
                .as("the Durable HTTP API with its system key alone could raise approval events")
                .containsExactlyInAnyOrder("/api/health", "/runtime/webhooks/EventGrid");
    }

    @Test
    void everyDefenderAutomation_watchesOnlyItsOwnSubscription() throws IOException {
        for (Path file : bicepFiles()) {
            Pattern.compile("scopePath: (.+)").matcher(Files.readString(file)).results()
                    .forEach(m -> assertThat(m.group(1).strip()).as("%s: Microsoft.Security/automations scopes", file)
                            .isEqualTo("subscription().id"));
        }
    }

    /**
     * An automation's {@code subscription()} is the one it is deployed into: it is declared only in a
     * resource-group template, and every template that deploys that one puts it in a resource group of its own
     * subscription (main.bicep's, or one the subscription-scoped template creates) — never in another
     * subscription named by id.
     */
    @Test
    void everyDefenderAutomation_isDeployedIntoTheSubscriptionItWatches() throws IOException {
        List<Path> declaring = new ArrayList<>();
        for (Path file : bicepFiles()) {
            String bicep = Files.readString(file);
            if (bicep.contains("'Microsoft.Security/automations@")) {
                declaring.add(file);
                assertThat(bicep).as("%s declares an automation: a resource-group template", file).doesNotContainPattern("(?m)^targetScope");
            }
        }
        assertThat(declaring).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("defender-export-automation.bicep", "findings.bicep");

        Pattern module = Pattern.compile("module (\\w+) '([^']*defender-export-automation\\.bicep)'[^{]*\\{(.*?)\\n}", Pattern.DOTALL);
        List<String> deployedFrom = new ArrayList<>();
        for (Path file : bicepFiles()) {
            String bicep = Files.readString(file);
            Matcher m = module.matcher(bicep);
            while (m.find()) {
                deployedFrom.add(file.getFileName().toString());
                Matcher scope = Pattern.compile("\\n  scope: (\\w+)\\n").matcher(m.group(3));
                if (Pattern.compile("(?m)^targetScope = 'subscription'").matcher(bicep).find()) {
                    assertThat(scope.find()).as("%s: a subscription template puts the automation in a resource group", file).isTrue();
                    assertThat(bicep).as("%s: that resource group is created here, in this subscription", file)
                            .containsPattern("resource " + scope.group(1) + " 'Microsoft\\.Resources/resourceGroups@");
                } else {
                    assertThat(scope.find()).as("%s: deployed into the deployment's own resource group", file).isFalse();
                }
            }
            assertThat(bicep).as("%s: no template reaches another subscription's automation", file)
                    .doesNotContainPattern("Microsoft\\.Security/automations[^\\n]*\\n[^\\n]*scope: subscription\\(");
        }
        assertThat(deployedFrom).containsExactlyInAnyOrder("defender-export.bicep", "defender-export-subscription.bicep");
    }

    /**
     * The other finding subscriptions export without a key by default (trusted service); the only thing the
     * promoter grants Defender is sending to its own hub.
     */
    @Test
    void otherSubscriptionsExportAsATrustedService_andDefenderMayOnlySendToTheHub() throws IOException {
        String perSubscription = Files.readString(Path.of("infra/defender-export-subscription.bicep"));
        assertThat(perSubscription).contains("targetScope = 'subscription'").contains("param connectionString string = ''");
        String automation = Files.readString(Path.of("infra/modules/defender-export-automation.bicep"));
        assertThat(automation).contains("empty(connectionString) ? union(hub, {\n        isTrustedServiceEnabled: true");

        String hub = Files.readString(Path.of("infra/modules/defender-export.bicep"));
        Matcher grant = Pattern.compile("resource defenderSender 'Microsoft.Authorization/roleAssignments@[^']+' = [^{]*\\{(.*?)\\n}",
                Pattern.DOTALL).matcher(hub);
        assertThat(grant.find()).isTrue();
        assertThat(grant.group(1)).contains("scope: hub", "eventHubsDataSenderId", "principalId: securityProviderPrincipalId");
        assertThat(hub).contains("var eventHubsDataSenderId = '2b629674-e913-4c01-ae53-ef4638d8f975'"); // Azure Event Hubs Data Sender
    }

    /**
     * Microsoft's Resource Graph query spells {@code resourceDetails.ResourceType}, the assessment's ARM shape
     * {@code resourceType}; whether export rule paths ignore case is not documented, so the export asks for both.
     */
    @Test
    void theExportSelectsContainerImageRecommendations_inEitherSpellingOfResourceType() throws IOException {
        String automation = Files.readString(Path.of("infra/modules/defender-export-automation.bicep"));
        assertThat(automation).contains("'properties.resourceDetails.ResourceType'", "'properties.resourceDetails.resourceType'",
                "expectedValue: '.containerimage'");
    }

    /** The exact command docs give the operator for each other finding subscription runs the template that exists. */
    @Test
    void theDocsGiveTheDeployCommandForEachOtherFindingSubscription() throws IOException {
        for (String doc : List.of("docs/deploy.md", "docs/defender.md")) {
            assertThat(Files.readString(Path.of(doc))).as(doc)
                    .contains("az deployment sub create --subscription")
                    .contains("--template-file infra/defender-export-subscription.bicep")
                    .contains("eventHubResourceId=");
        }
    }

    private static List<Path> bicepFiles() throws IOException {
        try (var files = Files.walk(Path.of("infra"))) {
            return files.filter(f -> f.toString().endsWith(".bicep")).sorted().toList();
        }
    }

    @Test
    void thePromoterCannotAttachIdentities() throws IOException {
        assertThat(Files.readString(Path.of("infra/permissions.json")))
                .doesNotContain("userAssignedIdentities/assign/action");
    }

    @Test
    void everyCustomRoleName_carriesTheSubscription() throws IOException {
        try (var files = Files.list(Path.of("infra/modules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bicep")).toList()) {
                Pattern.compile("roleName: '([^']*)'").matcher(Files.readString(file)).results()
                        .forEach(m -> assertThat(m.group(1)).as("%s: custom role names are unique per tenant", file)
                                .contains("${subscription().subscriptionId}"));
            }
        }
    }

    @Test
    void postdeploy_failsTheDeployment_whenAnAnonymousRequestGets200(@TempDir Path bin) throws Exception {
        Result run = postdeploy(bin, "200", "key");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("answered 200: App Service Authentication is not enforcing");
        assertThat(run.calls()).doesNotContain("azd provision");
    }

    @Test
    void postdeploy_waitsForTheEventGridKey_thenCreatesTheSubscriptions(@TempDir Path bin) throws Exception {
        Result run = postdeploy(bin, "401", "");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.calls()).contains("azd env set PROMOTER_DEPLOY_EVENT_SUBSCRIPTIONS true", "azd provision --no-prompt");
        assertThat(run.calls().lines().filter(l -> l.startsWith("az functionapp keys list")).count())
                .as("asked again while the host had no key yet").isGreaterThan(1);
    }

    private record Result(int exitCode, String output, String calls) {
    }

    /**
     * Runs infra/hooks/postdeploy.sh with fake {@code azd}, {@code az}, {@code curl} and {@code sleep}
     * that log their calls; {@code curl} answers {@code status}; the first keys listing answers
     * {@code firstKey}, later ones a key.
     */
    private static Result postdeploy(Path bin, String status, String firstKey) throws Exception {
        Path calls = bin.resolve("calls.log");
        fake(bin, "azd", """
                echo "azd $*" >> "%s"
                case "$*" in
                  "env get-value AZURE_RESOURCE_GROUP") echo rg-promoter ;;
                  "env get-value AZURE_FUNCTION_APP_NAME") echo func-promoter ;;
                  "env get-value PROMOTER_DEPLOY_EVENT_SUBSCRIPTIONS") echo false ;;
                esac
                """.formatted(calls));
        fake(bin, "az", """
                echo "az $*" >> "%1$s"
                case "$*" in
                  "functionapp show"*) echo func-promoter.azurewebsites.net ;;
                  "functionapp keys list"*)
                    if [ -f "%1$s.asked" ]; then echo system-key; else touch "%1$s.asked"; echo "%2$s"; fi ;;
                esac
                """.formatted(calls, firstKey));
        fake(bin, "curl", "echo \"curl $*\" >> \"%s\"; case \"$*\" in *%%{http_code}*) printf %s ;; esac"
                .formatted(calls, status));
        fake(bin, "sleep", "exit 0");
        ProcessBuilder builder = new ProcessBuilder("sh", Path.of("infra/hooks/postdeploy.sh").toAbsolutePath().toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output, Files.exists(calls) ? Files.readString(calls) : "");
    }

    private static void fake(Path bin, String name, String body) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

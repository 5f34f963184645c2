package io.acapromoter.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering the README states, checked on the production classes (the Functions package):
 * {@code functions → intake/orchestration/activities → ports/domain ← azure, approval}; the Azure
 * SDK only in adapters and bindings; orchestrator code replay-safe.
 */
class LayeringTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.acapromoter");
    }

    @Test
    void production_holdsNoEmbeddedRuntimeClass() {
        noClasses().should().resideInAPackage("io.acapromoter.local..")
                .because("the simulator, driver and local server never ship in the Functions package")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void domain_dependsOnNothingOfOurs() {
        classes().that().resideInAPackage("io.acapromoter.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.acapromoter.domain..", "java..")
                .check(production);
    }

    @Test
    void ports_speakOnlyDomainAndJdkTypes() {
        classes().that().resideInAPackage("io.acapromoter.ports..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.acapromoter.ports..", "io.acapromoter.domain..", "java..")
                .check(production);
    }

    @Test
    void azureSdk_isUsedOnlyByAdaptersBindingsAndTheEventParser() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(
                        "io.acapromoter.azure..", "io.acapromoter.functions..", "io.acapromoter.events..")
                .should().dependOnClassesThat().resideInAPackage("com.azure..")
                .because("no com.azure type crosses a port");
        rule.check(production);
    }

    @Test
    void eventParser_usesOnlyTheEventGridModels() {
        noClasses().that().resideInAPackage("io.acapromoter.events..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.azure.resourcemanager..", "com.azure.identity..", "com.azure.core.http..",
                        "com.azure.containers..", "com.azure.data..", "com.azure.communication..")
                .check(production);
    }

    @Test
    void orchestration_dependsOnNoAdapterActivityOrEntryPoint() {
        noClasses().that().resideInAPackage("io.acapromoter.orchestration..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.acapromoter.activities..", "io.acapromoter.azure..", "io.acapromoter.approval..",
                        "io.acapromoter.functions..", "io.acapromoter.intake..", "io.acapromoter.http..",
                        "io.acapromoter.status..", "io.acapromoter.settings..", "com.azure..")
                .because("orchestrator code is replay-safe: all I/O is in activities")
                .check(production);
    }

    @Test
    void orchestration_callsNothingNonDeterministic() {
        noClasses().that().resideInAPackage("io.acapromoter.orchestration..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.io..")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.security.SecureRandom.class)
                .because("the orchestrator replays: time comes from ctx.getCurrentInstant(), everything else from activities")
                .check(production);
    }

    @Test
    void activities_intakeAndAdapters_neverReachEntryPoints() {
        noClasses().that().resideOutsideOfPackage("io.acapromoter.functions..")
                .should().dependOnClassesThat().resideInAPackage("io.acapromoter.functions..")
                .check(production);
    }

    @Test
    void adapters_dependOnPortsNotOnTheChain() {
        noClasses().that().resideInAPackage("io.acapromoter.azure..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.acapromoter.approval..", "io.acapromoter.activities..", "io.acapromoter.intake..",
                        "io.acapromoter.status..")
                .check(production);
    }

    @Test
    void approval_neverReachesAzureOrActivities() {
        noClasses().that().resideInAPackage("io.acapromoter.approval..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.acapromoter.azure..", "io.acapromoter.activities..", "io.acapromoter.intake..")
                .check(production);
    }

    @Test
    void policyAndDomain_doNoIo() {
        noClasses().that().resideInAnyPackage("io.acapromoter.domain..", "io.acapromoter.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.acapromoter.ports..", "io.acapromoter.azure..",
                        "java.net.http..", "com.azure..")
                .check(production);
    }

    @Test
    void onlySettings_readsTheEnvironment() {
        noClasses().that().resideOutsideOfPackage("io.acapromoter.settings..")
                .should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .check(production);
    }

    @Test
    void inMemoryDurableDriver_standsInForDurableWithoutTheAzureAdapters() {
        JavaClasses driver = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.acapromoter.local.durable");
        DescribedPredicate<JavaClass> runtime = DescribedPredicate.describe("part of the embedded runtime (not a test)",
                c -> !c.getName().matches(".*Test(\\$.*)?"));

        noClasses().that().resideInAPackage("io.acapromoter.local.durable..").and(runtime)
                .should().dependOnClassesThat().resideInAPackage("io.acapromoter.azure..")
                .because("the driver plays the Durable runtime; the adapters it would reach run on top of it")
                .check(driver);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("io.acapromoter.(*)..").should().beFreeOfCycles().check(production);
    }
}

package io.acapromoter.policy;

import io.acapromoter.domain.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PromotionFileLoaderTest {

    static final String APP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.App/containerApps/";
    static final String JOB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.App/jobs/";

    @Test
    void load_acceptsTheSampleShippedWithTheProject() {
        PromotionFile file = PromotionFileLoader.load(Path.of("promotion.yaml"));

        assertThat(file.allows("CONTOSO.azurecr.io")).isTrue();
        assertThat(file.targets()).extracting(Target::name).containsExactly("shop-web", "shop-worker", "nightly-report");
        Target web = file.target("shop-web").orElseThrow();
        assertThat(web.kind()).isEqualTo(ResourceKind.CONTAINER_APP);
        assertThat(web.rollout().strategy()).isEqualTo(RolloutStrategy.BLUE_GREEN);
        assertThat(web.approval().required()).isEqualTo(2);
        assertThat(web.approval().deadline()).isEqualTo(Duration.ofHours(24));
        assertThat(web.gate()).map(VulnerabilityGate::threshold).contains(Severity.HIGH);
        assertThat(web.gate()).map(VulnerabilityGate::scanWait).contains(Duration.ofHours(4));
        assertThat(web.gate()).map(VulnerabilityGate::unscanned).contains(UnscannedPolicy.BLOCK);
        assertThat(web.smoke().get(1).jsonPointer()).contains("/status");
        assertThat(file.target("nightly-report").orElseThrow().staging().strategy()).isEqualTo(StagingStrategy.JOB);
        assertThat(file.target("shop-worker").orElseThrow().approval().approvers())
                .containsExactly("alice@contoso.com", "bob@contoso.com");
    }

    @Test
    void parse_reportsEveryErrorWithItsPathAllAtOnce() {
        String yaml = """
                registries: [contoso.azurecr.io, not_a_host, contoso.azurecr.io]
                approval: { approvers: [alice@contoso.com, "not an email"], required: 0, deadline: soon }
                targets:
                  - name: Web
                    registry: other.azurecr.io
                    repository: Shop/Web
                    tags: '^v(\\d+$'
                    production: { resourceId: /subscriptions/x/containerApps/web, container: web }
                    smoke: [ { name: health, path: health, expectStatus: 700, method: TRACE } ]
                    rollout: { strategy: canary, canarySteps: [50, 10] }
                    monitor: { window: 1m, interval: 5m }
                    tag: typo
                  - name: job1
                    registry: contoso.azurecr.io
                    repository: jobs/one
                    tags: '.*'
                    production: { resourceId: %sjob1, container: main }
                    staging: { strategy: label }
                    rebuild: { registryResourceId: /nope, task: 'bad task', minSeverity: Severe }
                  - name: job1
                    registry: contoso.azurecr.io
                    repository: jobs/two
                    tags: '.*'
                    production: { resourceId: %sjob1, container: main }
                    approval: { approvers: [bob@contoso.com], required: 3 }
                  - just a string
                """.formatted(JOB, JOB);

        PromotionFileException e = catchThrowableOfType(PromotionFileException.class,
                () -> PromotionFileLoader.parse(yaml, "broken.yaml"));

        assertThat(e.errors()).contains(
                "registries[1]: 'not_a_host' is not a registry host (e.g. contoso.azurecr.io)",
                "registries[2]: 'contoso.azurecr.io' is listed twice",
                "approval.approvers[1]: 'not an email' is neither a user (name@domain) nor a group (group:<object id>)",
                "approval.required: must be between 1 and 10, found 0",
                "targets[0].name: 'Web' must be 1-40 lowercase letters, digits or '-', not starting or ending with '-'",
                "targets[0].registry: 'other.azurecr.io' is not on the registry allow-list (registries)",
                "targets[0].smoke[0].path: 'health' must be a path starting with '/' (probes only call the staging URL)",
                "targets[0].smoke[0].expectStatus: must be between 100 and 599, found 700",
                "targets[0].rollout.canarySteps[1]: canary steps must increase, found 10 after 50",
                "targets[0].rollout.canarySteps: the last canary step must be 100",
                "targets[0].monitor.interval: is longer than the window (PT1M)",
                "targets[0].tag: unknown key (did you mean 'tags'?)",
                "targets[1].staging.strategy: a job target must use the 'job' staging strategy (jobs have no revisions)",
                "targets[2].staging.resourceId: is required for the 'job' strategy (the staging job)",
                "targets[0].repository: repository component 'Shop' must be lowercase letters and digits separated by '.', '_', '__' or '-'",
                "targets[1].rebuild.minSeverity: must be one of Low, Medium, High, Critical, found 'Severe'",
                "targets[1].rebuild.task: 'bad task' is not a valid ACR Task name",
                "targets[2].approval.required: needs 3 approvals but only 1 approver is listed",
                "targets[3]: must be a mapping, found 'just a string'");
        assertThat(e.errors()).anyMatch(m -> m.startsWith("approval.deadline: 'soon' is not a duration"));
        assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[0].tags: invalid regex '^v(\\d+$'"));
        assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[0].production.resourceId: '/subscriptions/x/containerApps/web' is not a container app or job id"));
        assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[0].smoke[0].method: must be one of"));
        assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[1].rebuild.registryResourceId: '/nope' is not a registry id"));
        assertThat(e.getMessage()).contains("broken.yaml").contains(e.errors().size() + " errors");
    }

    @Test
    void parse_refusesTwoTargetsWithTheSameNameOrProduction() {
        String yaml = """
                registries: [contoso.azurecr.io]
                approval: { approvers: [alice@contoso.com] }
                targets:
                  - { name: web, registry: contoso.azurecr.io, repository: web, tags: '.*', production: { resourceId: %sweb, container: web }, smoke: [ { name: h, path: /h } ] }
                  - { name: web, registry: contoso.azurecr.io, repository: web2, tags: '.*', production: { resourceId: %sweb, container: web }, smoke: [ { name: h, path: /h } ] }
                """.formatted(APP, APP);

        assertThatThrownBy(() -> PromotionFileLoader.parse(yaml, "dup.yaml"))
                .isInstanceOfSatisfying(PromotionFileException.class, e -> assertThat(e.errors()).containsExactly(
                        "targets[1].name: 'web' is already used by targets[0]",
                        "targets[1].production.resourceId: is already the production of targets[0]; two targets must not deploy to one resource"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                              | (root): is required",
            "'- a list'                      | (root): must be a mapping, found a list",
            "'registries: [a.io]'            | targets: is required",
            "'targets: []'                   | registries: is required",
            "'registries: [a.io'             | (syntax): not valid YAML or JSON at line",
    })
    void parse_explainsStructuralProblems(String yaml, String error) {
        assertThatThrownBy(() -> PromotionFileLoader.parse(yaml, "x.yaml"))
                .isInstanceOfSatisfying(PromotionFileException.class,
                        e -> assertThat(e.errors()).anyMatch(m -> m.startsWith(error)));
    }

    static String withSignature(String signature) {
        return """
                registries: [contoso.azurecr.io]
                approval: { approvers: [alice@contoso.com] }
                targets:
                  - { name: web, registry: contoso.azurecr.io, repository: web, tags: '.*', production: { resourceId: %sweb, container: web }, smoke: [ { name: h, path: /h } ], %s }
                """.formatted(APP, signature);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'signature: { required: true }'                                       | targets[0].signature.trust: is required when signature.required is true",
            "'signature: { trust: { certificates: [a.pem], identities: [\"*\"] } }' | targets[0].signature.trust: is set but signature.required is false",
            "'signature: { required: true, trust: { certificates: [], identities: [\"*\"] } }' | targets[0].signature.trust.certificates: must list at least one certificate",
            "'signature: { required: true, trust: { certificates: [missing.pem], identities: [\"*\"] } }' | targets[0].signature.trust.certificates[0]: certificate file",
            "'signature: { required: true, trust: { certificates: [\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"], identities: [\"*\"] } }' | targets[0].signature.trust.certificates[0]: the inline PEM is not a PEM or DER X.509 certificate",
            "'signature: { required: true, trust: { certificates: [promotion.yaml], identities: [CN=x] } }' | targets[0].signature.trust.identities[0]: 'CN=x' must look like 'x509.subject:",
            "'signature: { required: true, trust: { certificates: [promotion.yaml], identities: [\"*\", \"x509.subject: CN=a\"] } }' | targets[0].signature.trust.identities[0]: '*' allows any identity: list it alone",
            "'signature: { required: true, waitFor: 7h, trust: { certificates: [promotion.yaml], identities: [\"*\"] } }' | targets[0].signature.waitFor: must be between",
            "'registryAuth: password'                                              | targets[0].registryAuth: must be one of managed-identity, any, found 'password'",
    })
    void parse_reportsSignatureTrustAndRegistryAuthProblemsByPath(String signature, String error) {
        assertThatThrownBy(() -> PromotionFileLoader.parse(withSignature(signature), "sig.yaml"))
                .isInstanceOfSatisfying(PromotionFileException.class,
                        e -> assertThat(e.errors()).anyMatch(m -> m.startsWith(error)));
    }

    @Test
    void parse_readsTrustedCertificatesAndIdentitiesAndDefaultsToManagedIdentityPulls() {
        Target web = PromotionFileLoader.load(Path.of("promotion.yaml")).target("shop-web").orElseThrow();

        SignaturePolicy signature = web.signature().orElseThrow();
        assertThat(signature.certificates()).singleElement().satisfies(c ->
                assertThat(c.getSubjectX500Principal().getName()).contains("CN=Contoso Image Signing"));
        assertThat(signature.allows(new javax.security.auth.x500.X500Principal("CN=Contoso Image Signing, O=Contoso, ST=WA, C=US"))).isTrue();
        assertThat(signature.allows(new javax.security.auth.x500.X500Principal("CN=Someone Else, O=Contoso, ST=WA, C=US"))).isFalse();
        assertThat(signature.waitFor()).isEqualTo(Duration.ofMinutes(15));
        assertThat(web.registryAuth()).isEqualTo(RegistryAuth.MANAGED_IDENTITY);
        assertThat(PromotionFileLoader.parse(withSignature("registryAuth: any"), "x").targets().get(0).registryAuth())
                .isEqualTo(RegistryAuth.ANY);
    }

    @Test
    void parse_readsJsonAsWell() {
        String json = """
                {"registries": ["contoso.azurecr.io"], "approval": {"approvers": ["alice@contoso.com"]},
                 "targets": [{"name": "web", "registry": "contoso.azurecr.io", "repository": "web", "tags": "^v.*",
                   "production": {"resourceId": "%sweb", "container": "web"},
                   "smoke": [{"name": "health", "path": "/health"}],
                   "rollout": {"strategy": "canary"}}]}
                """.formatted(APP);

        Target web = PromotionFileLoader.parse(json, "x.json").targets().get(0);

        assertThat(web.rollout().canarySteps()).containsExactly(10, 50, 100);
        assertThat(web.smoke().get(0).expectStatus()).isEqualTo(200);
        assertThat(web.staging().label()).isEqualTo("staging");
    }

    @Test
    void load_namesAMissingFile() {
        assertThatThrownBy(() -> PromotionFileLoader.load(Path.of("does-not-exist.yaml")))
                .isInstanceOfSatisfying(PromotionFileException.class,
                        e -> assertThat(e.errors()).isEqualTo(List.of("(file): does not exist")));
    }

    @Test
    void parse_refusesAStagingResourceThatIsAProductionOrShared() {
        String yaml = """
                registries: [contoso.azurecr.io]
                approval: { approvers: [alice@contoso.com] }
                targets:
                  - { name: web, registry: contoso.azurecr.io, repository: web, tags: '.*',
                      production: { resourceId: %sweb, container: web }, smoke: [ { name: h, path: /h } ] }
                  - { name: worker, registry: contoso.azurecr.io, repository: worker, tags: '.*',
                      production: { resourceId: %sworker, container: w }, smoke: [ { name: h, path: /h } ],
                      staging: { strategy: app, resourceId: %sweb }, rollout: { strategy: replace } }
                  - { name: worker2, registry: contoso.azurecr.io, repository: worker2, tags: '.*',
                      production: { resourceId: %sworker2, container: w }, smoke: [ { name: h, path: /h } ],
                      staging: { strategy: app, resourceId: %sworker2 }, rollout: { strategy: replace } }
                """.formatted(APP, APP, APP, APP, APP);

        assertThatThrownBy(() -> PromotionFileLoader.parse(yaml, "x.yaml"))
                .isInstanceOfSatisfying(PromotionFileException.class, e -> assertThat(e.errors()).containsExactly(
                        "targets[1].staging.resourceId: is already the production of targets[0]; staging needs a resource of its own (unapproved images are deployed there)",
                        "targets[2].staging.resourceId: is already the production of targets[2]; staging needs a resource of its own (unapproved images are deployed there)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'registries: [a.io]\nregistries: [b.io]\ntargets: []' | (syntax): not valid YAML or JSON",
            "'registries: [a.io, ~]\ntargets: []'                     | registries[1]: is required",
            "'approval: { required: 4294967297 }'                     | approval.required: must be a whole number",
            "'approval: { deadline: 999999999999999d }'               | approval.deadline: '999999999999999d' is too long a duration",
    })
    void parse_reportsDuplicateKeysNullItemsAndOverflowsByPath(String yaml, String error) {
        assertThatThrownBy(() -> PromotionFileLoader.parse(yaml.replace("\\n", "\n"), "x.yaml"))
                .isInstanceOfSatisfying(PromotionFileException.class,
                        e -> assertThat(e.errors()).anyMatch(m -> m.startsWith(error)));
    }

    @Test
    void theLongestTargetNameMakesAValidPromotionIdEvenForSha512() {
        String name = "a".repeat(40);
        assertThat(PromotionFileLoader.TARGET_NAME.matcher(name).matches()).isTrue();

        assertThat(io.acapromoter.domain.PromotionId.of(name, io.acapromoter.domain.Digest.parse("sha512:" + "b".repeat(128)))
                .value()).hasSize(40 + 1 + 6 + 1 + 128);
    }

    @Test
    void parse_validatesTheGatesScanWaitAndUnscannedPolicyByPath() {
        String sample;
        try {
            sample = java.nio.file.Files.readString(Path.of("promotion.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String allow = sample.replace("scanWait: 4h ", "scanWait: 30m").replace("unscanned: block ", "unscanned: allow-with-warning");
        String bad = sample.replace("scanWait: 4h ", "scanWait: 3d ").replace("unscanned: block ", "unscanned: maybe");

        VulnerabilityGate gate = PromotionFileLoader.parse(allow, "allow.yaml").target("shop-web").orElseThrow().gate().orElseThrow();
        PromotionFileException e = org.junit.jupiter.api.Assertions.assertThrows(PromotionFileException.class,
                () -> PromotionFileLoader.parse(bad, "bad.yaml"));

        assertThat(gate.scanWait()).isEqualTo(Duration.ofMinutes(30));
        assertThat(gate.unscanned()).isEqualTo(UnscannedPolicy.ALLOW_WITH_WARNING);
        assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[0].vulnerabilityGate.scanWait:"));
        assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[0].vulnerabilityGate.unscanned:") && m.contains("maybe"));
    }

    @Test
    void parse_readsHowLongDefendersAnswerStandsAfterApproval_tenMinutesByDefault_andNamesTheFieldWhenWrong() throws java.io.IOException {
        String sample = java.nio.file.Files.readString(Path.of("promotion.yaml"));
        String unset = sample.replaceAll("\n *recheckAfter: 10m [^\n]*", "");
        String set = sample.replace("recheckAfter: 10m ", "recheckAfter: 30m ");
        String never = sample.replace("recheckAfter: 10m ", "recheckAfter: 0s  ");
        String tooLong = sample.replace("recheckAfter: 10m ", "recheckAfter: 2d  ");
        String notADuration = sample.replace("recheckAfter: 10m ", "recheckAfter: soon");

        assertThat(unset).doesNotContain("recheckAfter");
        assertThat(PromotionFileLoader.parse(unset, "unset.yaml").target("shop-web").orElseThrow().gate().orElseThrow()
                .recheckAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(PromotionFileLoader.parse(set, "set.yaml").target("shop-web").orElseThrow().gate().orElseThrow()
                .recheckAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(PromotionFileLoader.parse(never, "never.yaml").target("shop-web").orElseThrow().gate().orElseThrow()
                .recheckAfter()).isZero();
        for (String bad : List.of(tooLong, notADuration)) {
            PromotionFileException e = org.junit.jupiter.api.Assertions.assertThrows(PromotionFileException.class,
                    () -> PromotionFileLoader.parse(bad, "bad.yaml"));
            assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[0].vulnerabilityGate.recheckAfter:"));
        }
    }

    @Test
    void parse_readsWhetherDefendersFindingsArtifactCounts_ignoredUnlessAccepted() throws java.io.IOException {
        String sample = java.nio.file.Files.readString(Path.of("promotion.yaml"));
        String accept = sample.replace("findingsArtifact: ignore ", "findingsArtifact: accept ");
        String bad = sample.replace("findingsArtifact: ignore ", "findingsArtifact: trust  ");

        assertThat(PromotionFileLoader.parse(sample, "sample.yaml").target("shop-web").orElseThrow().gate().orElseThrow()
                .findingsArtifact()).isEqualTo(FindingsArtifactPolicy.IGNORE);
        assertThat(PromotionFileLoader.parse(accept, "accept.yaml").target("shop-web").orElseThrow().gate().orElseThrow()
                .findingsArtifact()).isEqualTo(FindingsArtifactPolicy.ACCEPT);
        PromotionFileException e = org.junit.jupiter.api.Assertions.assertThrows(PromotionFileException.class,
                () -> PromotionFileLoader.parse(bad, "bad.yaml"));
        assertThat(e.errors()).anyMatch(m -> m.startsWith("targets[0].vulnerabilityGate.findingsArtifact:") && m.contains("trust"));
    }
}

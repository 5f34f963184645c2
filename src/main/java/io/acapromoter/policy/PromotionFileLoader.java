package io.acapromoter.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.acapromoter.domain.ImageRef;
import io.acapromoter.domain.Severity;
import io.acapromoter.domain.SmokeProbe;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates the promotion file (YAML or JSON). Validation collects every problem with
 * its path in the file and throws one {@link PromotionFileException} listing them all, so a bad
 * file stops start-up with the whole list rather than the first mistake.
 */
public final class PromotionFileLoader {

    private static final YAMLFactory YAML = new YAMLFactory();

    /** Target names end up in instance ids, URLs and log lines: keep them plain. */
    static final Pattern TARGET_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    static final Pattern REVISION_LABEL = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    static final Pattern APPROVER = Pattern.compile("(group:[0-9a-fA-F-]{36})|([^\\s@]+@[^\\s@]+\\.[^\\s@]+)");
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS");

    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DEFAULT_DEADLINE = Duration.ofHours(24);
    static final Duration DEFAULT_REMINDER = Duration.ofHours(4);
    static final Duration DEFAULT_STEP_PAUSE = Duration.ofMinutes(5);
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    static final Duration DEFAULT_LATENCY = Duration.ofSeconds(2);
    static final Duration DEFAULT_REBUILD_WINDOW = Duration.ofDays(1);
    static final Duration DEFAULT_SIGNATURE_WAIT = Duration.ofMinutes(15);

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration WEEK = Duration.ofDays(7);

    private PromotionFileLoader() {
    }

    public static PromotionFile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PromotionFileException(file.toString(), List.of("(file): does not exist"));
        } catch (IOException e) {
            throw new PromotionFileException(file.toString(), List.of("(file): cannot be read: " + e.getMessage()));
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Parses YAML (a superset of JSON); certificate files are found relative to the working directory. */
    public static PromotionFile parse(String text, String source) {
        return parse(text, source, Path.of("").toAbsolutePath());
    }

    /** Parses YAML (a superset of JSON, so JSON files read the same way); files it names are in {@code baseDir}. */
    public static PromotionFile parse(String text, String source, Path baseDir) {
        JsonNode root;
        try {
            // A tree straight from the YAML parser: no ObjectMapper, so loading the file does not pull
            // in Jackson's data binding on a cold start (see JsonTrees).
            root = io.acapromoter.events.JsonTrees.read(YAML.createParser(text), true);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new PromotionFileException(source, List.of("(syntax): not valid YAML or JSON" + where + ": "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading a string cannot fail", e);
        }
        List<String> errors = new ArrayList<>();
        PromotionFile file = read(new Node(root == null || root.isMissingNode() ? null : root, "", errors), baseDir);
        if (!errors.isEmpty()) {
            throw new PromotionFileException(source, errors);
        }
        return file;
    }

    private static PromotionFile read(Node root, Path baseDir) {
        if (!root.expectObject(true)) {
            return null;
        }
        root.onlyKeys(Set.of("registries", "approval", "operators", "rolloutWindows", "targets"));

        Set<String> registries = new LinkedHashSet<>();
        for (Node item : root.child("registries").items(true)) {
            item.string(true).ifPresent(host -> {
                if (!ImageRef.looksLikeRegistryHost(host)) {
                    item.error("'" + host + "' is not a registry host (e.g. contoso.azurecr.io)");
                } else if (!registries.add(host.toLowerCase(Locale.ROOT))) {
                    item.error("'" + host + "' is listed twice");
                }
            });
        }
        if (root.has("registries") && registries.isEmpty()) {
            root.child("registries").error("must list at least one registry host");
        }

        Node approvalNode = root.child("approval");
        ApprovalPolicy defaults = readApproval(approvalNode, null);
        List<String> defaultOperators = readOperators(root.child("operators"), List.of());
        Optional<RolloutWindows> defaultWindows = readWindows(root.child("rolloutWindows"), Optional.empty());

        List<Target> targets = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> uses = new HashMap<>();
        List<Node> targetNodes = root.child("targets").items(true);
        if (root.has("targets") && targetNodes.isEmpty()) {
            root.child("targets").error("must list at least one target");
        }
        for (Node t : targetNodes) {
            Target target = readTarget(t, registries, defaults, defaultOperators, defaultWindows, baseDir);
            if (target == null) {
                continue;
            }
            String previous = names.putIfAbsent(target.name(), t.path());
            if (previous != null) {
                t.child("name").error("'" + target.name() + "' is already used by " + previous);
            }
            String owner = uses.putIfAbsent(target.productionResourceId().toLowerCase(Locale.ROOT), "the production of " + t.path());
            if (owner != null) {
                t.child("production").child("resourceId").error("is already " + owner
                        + "; two targets must not deploy to one resource");
            }
            // A staging resource receives unapproved images: it must never be a production, nor shared.
            target.staging().resourceId().ifPresent(staging -> {
                String used = uses.putIfAbsent(staging.toLowerCase(Locale.ROOT), "the staging of " + t.path());
                if (used != null) {
                    t.child("staging").child("resourceId").error("is already " + used
                            + "; staging needs a resource of its own (unapproved images are deployed there)");
                }
            });
            targets.add(target);
        }
        return defaults == null && targets.isEmpty() ? null : new PromotionFile(registries,
                defaults == null ? fallbackApproval() : defaults, targets);
    }

    private static ApprovalPolicy fallbackApproval() {
        return new ApprovalPolicy(List.of(), 1, DEFAULT_DEADLINE, DEFAULT_REMINDER);
    }

    /** Reads an approval block; values missing from a target's block come from {@code defaults}. */
    private static ApprovalPolicy readApproval(Node n, ApprovalPolicy defaults) {
        if (!n.expectObject(false)) {
            return defaults;
        }
        n.onlyKeys(Set.of("approvers", "required", "deadline", "reminderEvery"));
        List<String> approvers = readPeople(n.child("approvers").items(false));
        if (approvers.isEmpty() && defaults != null) {
            approvers.addAll(defaults.approvers());
        }
        int required = n.child("required").integer(false, 1, 10).orElse(defaults == null ? 1 : defaults.required());
        Duration deadline = n.child("deadline").duration(false, Duration.ofMinutes(5), Duration.ofDays(30))
                .orElse(defaults == null ? DEFAULT_DEADLINE : defaults.deadline());
        Duration reminder = n.child("reminderEvery").duration(false, Duration.ofMinutes(5), Duration.ofDays(30))
                .orElse(defaults == null ? DEFAULT_REMINDER : defaults.reminderEvery());
        boolean onlyUsers = approvers.stream().noneMatch(a -> a.startsWith("group:"));
        if (onlyUsers && !approvers.isEmpty() && required > approvers.size()) {
            n.child("required").error("needs " + required + " approvals but only " + approvers.size()
                    + " approver" + (approvers.size() == 1 ? " is" : "s are") + " listed");
        }
        return new ApprovalPolicy(approvers, required, deadline, reminder);
    }

    private static Target readTarget(Node t, Set<String> registries, ApprovalPolicy defaults, List<String> defaultOperators,
                                     Optional<RolloutWindows> defaultWindows, Path baseDir) {
        if (!t.expectObject(true)) {
            return null;
        }
        t.onlyKeys(Set.of("name", "registry", "repository", "tags", "production", "staging", "smoke", "rollout",
                "monitor", "approval", "signature", "registryAuth", "vulnerabilityGate", "rebuild", "operators", "rolloutWindows", "analysis"));
        int before = t.errorCount();

        String name = t.child("name").string(true).orElse(null);
        if (name != null && !TARGET_NAME.matcher(name).matches()) {
            t.child("name").error("'" + name + "' must be 1-40 lowercase letters, digits or '-', not starting or ending with '-'");
        }
        String registry = t.child("registry").string(true).orElse(null);
        if (registry != null && !registries.contains(registry.toLowerCase(Locale.ROOT))) {
            t.child("registry").error("'" + registry + "' is not on the registry allow-list (registries)");
        }
        String repository = t.child("repository").string(true).orElse(null);
        if (repository != null) {
            ImageRef.repositoryProblem(repository).ifPresent(problem -> t.child("repository").error(problem));
        }
        Pattern tags = readTagPattern(t.child("tags"));
        Production production = readProduction(t.child("production"));
        Staging staging = readStaging(t.child("staging"), production.kind());
        List<SmokeProbe> smoke = readSmoke(t.child("smoke"), production.kind());
        Rollout rollout = readRollout(t.child("rollout"), production.kind(), staging);
        Monitor monitor = readMonitor(t.child("monitor"));
        ApprovalPolicy approval = readApproval(t.child("approval"), defaults);
        if (approval == null || approval.approvers().isEmpty()) {
            t.child("approval").child("approvers").error("no approvers: list them here or in the top-level approval");
        }
        Optional<SignaturePolicy> signature = readSignature(t.child("signature"), baseDir);
        RegistryAuth registryAuth = t.child("registryAuth").choice(false, RegistryAuth.values(), RegistryAuth::key)
                .orElse(RegistryAuth.MANAGED_IDENTITY);
        Optional<VulnerabilityGate> gate = readGate(t.child("vulnerabilityGate"));
        Optional<RebuildPolicy> rebuild = readRebuild(t.child("rebuild"));
        List<String> operators = readOperators(t.child("operators"), defaultOperators);
        Optional<RolloutWindows> windows = readWindows(t.child("rolloutWindows"), defaultWindows);
        Optional<Analysis> analysis = AnalysisReader.read(t.child("analysis"), production.kind(), rollout, monitor);

        if (t.errorCount() != before) {
            return null;
        }
        return new Target(name, registry.toLowerCase(Locale.ROOT), repository, tags, production.kind(),
                production.resourceId(), production.container(), staging, smoke, rollout, monitor, approval,
                signature, registryAuth, gate, rebuild, operators, windows, analysis);
    }

    /** Who may act on a target: users and groups as for approvers; a target's list replaces the default. */
    private static List<String> readOperators(Node n, List<String> defaults) {
        if (!n.has()) {
            return defaults;
        }
        List<Node> items = n.items(false);
        List<String> operators = readPeople(items);
        if (items.isEmpty() && n.isList()) {
            n.error("must list at least one operator (leave the key out for nobody)");
        }
        return operators;
    }

    /** Users ({@code name@domain}) and groups ({@code group:<object id>}), each once (case-insensitive). */
    private static List<String> readPeople(List<Node> items) {
        List<String> people = new ArrayList<>();
        for (Node item : items) {
            item.string(true).ifPresent(a -> {
                if (!APPROVER.matcher(a).matches()) {
                    item.error("'" + a + "' is neither a user (name@domain) nor a group (group:<object id>)");
                } else if (people.stream().anyMatch(x -> x.equalsIgnoreCase(a))) {
                    item.error("'" + a + "' is listed twice");
                } else {
                    people.add(a);
                }
            });
        }
        return people;
    }

    /**
     * {@code rolloutWindows: {timeZone, windows: [{days, hours}], blackoutDates}}; a target's block
     * replaces the default as a whole.
     */
    private static Optional<RolloutWindows> readWindows(Node n, Optional<RolloutWindows> defaults) {
        if (!n.expectObject(false)) {
            return defaults;
        }
        n.onlyKeys(Set.of("timeZone", "windows", "blackoutDates"));
        int before = n.errorCount();
        java.time.ZoneId zone = n.child("timeZone").string(true).map(text -> {
            try {
                return java.time.ZoneId.of(text);
            } catch (java.time.DateTimeException e) {
                n.child("timeZone").error("'" + text + "' is not a time zone (e.g. Europe/Berlin, UTC)");
                return null;
            }
        }).orElse(null);
        List<RolloutWindows.Window> windows = new ArrayList<>();
        List<Node> windowNodes = n.child("windows").items(true);
        if (n.has("windows") && windowNodes.isEmpty()) {
            n.child("windows").error("must list at least one window");
        }
        for (Node w : windowNodes) {
            if (!w.expectObject(true)) {
                continue;
            }
            w.onlyKeys(Set.of("days", "hours"));
            java.util.EnumSet<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
            List<Node> dayNodes = w.child("days").items(true);
            if (w.has("days") && dayNodes.isEmpty()) {
                w.child("days").error("must list at least one day");
            }
            for (Node d : dayNodes) {
                d.string(true).ifPresent(text -> RolloutWindows.day(text).ifPresentOrElse(day -> {
                    if (!days.add(day)) {
                        d.error("'" + text + "' is listed twice");
                    }
                }, () -> d.error("'" + text + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)")));
            }
            Optional<RolloutWindows.Hours> hours = w.child("hours").string(true).flatMap(text -> {
                Optional<RolloutWindows.Hours> h = RolloutWindows.hours(text);
                if (h.isEmpty()) {
                    w.child("hours").error("'" + text + "' is not HH:MM-HH:MM with the end after the start (24:00 ends at midnight)");
                }
                return h;
            });
            if (!days.isEmpty() && hours.isPresent()) {
                windows.add(new RolloutWindows.Window(days, hours.get().start(), hours.get().end(), hours.get().midnight()));
            }
        }
        java.util.SortedSet<java.time.LocalDate> blackout = new java.util.TreeSet<>();
        for (Node d : n.child("blackoutDates").items(false)) {
            d.string(true).ifPresent(text -> {
                try {
                    if (!blackout.add(java.time.LocalDate.parse(text.strip()))) {
                        d.error("'" + text + "' is listed twice");
                    }
                } catch (java.time.format.DateTimeParseException e) {
                    d.error("'" + text + "' is not a date (YYYY-MM-DD)");
                }
            });
        }
        if (n.errorCount() != before || zone == null || windows.isEmpty()) {
            return defaults;
        }
        return Optional.of(new RolloutWindows(zone, windows, blackout));
    }

    /** A target's {@code production} block; fields that did not read are null (and errors recorded). */
    private record Production(String resourceId, String container, ResourceKind kind) {
    }

    private static Pattern readTagPattern(Node n) {
        return n.string(true).map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                n.error("invalid regex '" + regex + "': " + e.getDescription() + " near index " + e.getIndex());
                return null;
            }
        }).orElse(null);
    }

    private static Production readProduction(Node production) {
        if (!production.expectObject(true)) {
            return new Production(null, null, null);
        }
        production.onlyKeys(Set.of("resourceId", "container"));
        String resourceId = production.child("resourceId").string(true).orElse(null);
        ResourceKind kind = null;
        if (resourceId != null) {
            kind = ResourceIds.kindOf(resourceId).orElse(null);
            if (kind == null) {
                production.child("resourceId").error("'" + resourceId
                        + "' is not a container app or job id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.App/containerApps|jobs/<name>)");
            }
        }
        String container = production.child("container").string(true).orElse(null);
        if (container != null && !CONTAINER_NAME.matcher(container).matches()) {
            production.child("container").error("'" + container + "' is not a valid container name");
        }
        return new Production(resourceId, container, kind);
    }

    private static List<SmokeProbe> readSmoke(Node n, ResourceKind kind) {
        List<SmokeProbe> smoke = new ArrayList<>();
        for (Node p : n.items(false)) {
            SmokeProbe probe = readProbe(p);
            if (probe != null) {
                if (smoke.stream().anyMatch(s -> s.name().equals(probe.name()))) {
                    p.child("name").error("'" + probe.name() + "' is used by another probe of this target");
                }
                smoke.add(probe);
            }
        }
        if (kind == ResourceKind.CONTAINER_APP && smoke.isEmpty()) {
            n.error("a container app target needs at least one smoke probe");
        }
        return smoke;
    }

    private static Optional<VulnerabilityGate> readGate(Node gate) {
        if (!gate.expectObject(false)) {
            return Optional.empty();
        }
        gate.onlyKeys(Set.of("threshold", "scanWait", "unscanned", "findingsArtifact", "recheckAfter"));
        Optional<Severity> threshold = readSeverity(gate.child("threshold"), true);
        Duration scanWait = gate.child("scanWait").duration(false, Duration.ZERO, Duration.ofDays(2))
                .orElse(VulnerabilityGate.DEFAULT_SCAN_WAIT);
        UnscannedPolicy unscanned = gate.child("unscanned")
                .choice(false, UnscannedPolicy.values(), UnscannedPolicy::key).orElse(UnscannedPolicy.BLOCK);
        FindingsArtifactPolicy findingsArtifact = gate.child("findingsArtifact")
                .choice(false, FindingsArtifactPolicy.values(), FindingsArtifactPolicy::key).orElse(FindingsArtifactPolicy.IGNORE);
        // Defender rescans about daily: an answer older than a day is never trusted to stand for a new one.
        Duration recheckAfter = gate.child("recheckAfter").duration(false, Duration.ZERO, Duration.ofDays(1))
                .orElse(VulnerabilityGate.DEFAULT_RECHECK_AFTER);
        return threshold.map(level -> new VulnerabilityGate(level, scanWait, unscanned, findingsArtifact, recheckAfter));
    }

    /**
     * {@code signature: {required, trust: {certificates, identities}, waitFor}}. A required
     * signature needs a trust: presence alone proves nothing, anyone who can push can attach one.
     */
    private static Optional<SignaturePolicy> readSignature(Node n, Path baseDir) {
        if (!n.expectObject(false)) {
            return Optional.empty();
        }
        n.onlyKeys(Set.of("required", "trust", "waitFor"));
        boolean required = n.child("required").bool().orElse(false);
        Duration waitFor = n.child("waitFor").duration(false, Duration.ZERO, Duration.ofHours(6)).orElse(DEFAULT_SIGNATURE_WAIT);
        Node trust = n.child("trust");
        if (!required) {
            if (n.has("trust")) {
                trust.error("is set but signature.required is false: set required: true to verify signatures");
            }
            return Optional.empty();
        }
        if (!trust.expectObject(false)) {
            if (!n.has("trust")) {
                trust.error("is required when signature.required is true: list the trusted certificates and the "
                        + "identities allowed to sign (an attached signature proves nothing without them)");
            }
            return Optional.empty();
        }
        trust.onlyKeys(Set.of("certificates", "identities"));
        List<X509Certificate> certificates = new ArrayList<>();
        List<Node> certificateNodes = trust.child("certificates").items(true);
        if (trust.has("certificates") && certificateNodes.isEmpty()) {
            trust.child("certificates").error("must list at least one certificate (PEM file or inline PEM)");
        }
        for (Node item : certificateNodes) {
            item.string(true).ifPresent(text -> readCertificates(item, text, baseDir).forEach(c -> {
                if (certificates.contains(c)) {
                    item.error("certificate " + c.getSubjectX500Principal().getName() + " is listed twice");
                } else {
                    certificates.add(c);
                }
            }));
        }
        List<TrustedIdentity> identities = new ArrayList<>();
        boolean any = false;
        List<Node> identityNodes = trust.child("identities").items(true);
        if (trust.has("identities") && identityNodes.isEmpty()) {
            trust.child("identities").error("must list at least one identity ('x509.subject: ...'), or '*' for any");
        }
        for (Node item : identityNodes) {
            Optional<String> text = item.string(true);
            if (text.isEmpty()) {
                continue;
            }
            if (text.get().equals("*")) {
                any = true;
                if (identityNodes.size() > 1) {
                    item.error("'*' allows any identity: list it alone");
                }
                continue;
            }
            try {
                identities.add(TrustedIdentity.parse(text.get()));
            } catch (IllegalArgumentException e) {
                item.error(e.getMessage());
            }
        }
        if (certificates.isEmpty() || identities.isEmpty() && !any || any && !identities.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignaturePolicy(certificates, identities, any, waitFor));
    }

    /** Inline PEM, or a PEM/DER file relative to the promotion file; expired certificates are reported. */
    private static List<X509Certificate> readCertificates(Node item, String text, Path baseDir) {
        byte[] bytes;
        String what;
        if (text.strip().startsWith("-----BEGIN")) {
            bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            what = "the inline PEM";
        } else {
            Path file = baseDir.resolve(text);
            what = file.toString();
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                item.error("certificate file " + file + " does not exist");
                return List.of();
            } catch (IOException e) {
                item.error("certificate file " + file + " cannot be read: " + e.getMessage());
                return List.of();
            }
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                item.error(what + " holds no certificate");
            }
            return out;
        } catch (CertificateException e) {
            item.error(what + " is not a PEM or DER X.509 certificate: " + e.getMessage());
            return List.of();
        }
    }

    private static Staging readStaging(Node n, ResourceKind kind) {
        boolean present = n.expectObject(false);
        if (present) {
            n.onlyKeys(Set.of("strategy", "label", "resourceId", "readyTimeout"));
        }
        StagingStrategy fallback = kind == ResourceKind.JOB ? StagingStrategy.JOB : StagingStrategy.LABEL;
        StagingStrategy strategy = present
                ? n.child("strategy").choice(false, StagingStrategy.values(), StagingStrategy::key).orElse(fallback)
                : fallback;
        String label = present ? n.child("label").string(false).orElse("staging") : "staging";
        if (!REVISION_LABEL.matcher(label).matches()) {
            n.child("label").error("'" + label + "' is not a valid revision label (lowercase letters, digits, '-')");
        }
        if ("production".equals(label)) {
            n.child("label").error("'production' is the label of the live revision; pick another staging label");
        }
        Optional<String> resourceId = present ? n.child("resourceId").string(false) : Optional.empty();
        Duration readyTimeout = present
                ? n.child("readyTimeout").duration(false, Duration.ofMinutes(1), Duration.ofHours(6)).orElse(DEFAULT_READY_TIMEOUT)
                : DEFAULT_READY_TIMEOUT;
        if (kind == ResourceKind.JOB && strategy != StagingStrategy.JOB) {
            n.child("strategy").error("a job target must use the 'job' staging strategy (jobs have no revisions)");
        }
        if (kind == ResourceKind.CONTAINER_APP && strategy == StagingStrategy.JOB) {
            n.child("strategy").error("'job' staging is only for job targets");
        }
        if (strategy == StagingStrategy.LABEL && resourceId.isPresent()) {
            n.child("resourceId").error("the 'label' strategy stages in the production app; remove resourceId or use 'app'");
        }
        if (strategy == StagingStrategy.APP || strategy == StagingStrategy.JOB) {
            ResourceKind wanted = strategy == StagingStrategy.APP ? ResourceKind.CONTAINER_APP : ResourceKind.JOB;
            if (resourceId.isEmpty()) {
                n.child("resourceId").error("is required for the '" + strategy.key() + "' strategy (the staging "
                        + (wanted == ResourceKind.JOB ? "job" : "container app") + ")");
            } else if (ResourceIds.kindOf(resourceId.get()).orElse(null) != wanted) {
                n.child("resourceId").error("'" + resourceId.get() + "' is not a "
                        + (wanted == ResourceKind.JOB ? "job" : "container app") + " resource id");
            }
        }
        return new Staging(strategy, label, resourceId, readyTimeout);
    }

    private static SmokeProbe readProbe(Node p) {
        if (!p.expectObject(true)) {
            return null;
        }
        p.onlyKeys(Set.of("name", "method", "path", "expectStatus", "bodyContains", "json", "latencyBudget", "retries"));
        String name = p.child("name").string(true).orElse(null);
        String method = p.child("method").string(false).orElse("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            p.child("method").error("must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        String path = p.child("path").string(true).orElse(null);
        if (path != null && (!path.startsWith("/") || path.startsWith("//") || path.contains("://"))) {
            p.child("path").error("'" + path + "' must be a path starting with '/' (probes only call the staging URL)");
        }
        int status = p.child("expectStatus").integer(false, 100, 599).orElse(200);
        Optional<String> contains = p.child("bodyContains").string(false);
        Optional<String> pointer = Optional.empty();
        Optional<String> equals = Optional.empty();
        Node json = p.child("json");
        if (json.expectObject(false)) {
            json.onlyKeys(Set.of("pointer", "equals"));
            pointer = json.child("pointer").string(true);
            pointer.filter(ptr -> !ptr.startsWith("/"))
                    .ifPresent(ptr -> json.child("pointer").error("'" + ptr + "' must be a JSON Pointer such as /status"));
            equals = json.child("equals").string(true);
        }
        Duration latency = p.child("latencyBudget").duration(false, Duration.ofMillis(10), Duration.ofMinutes(5))
                .orElse(DEFAULT_LATENCY);
        int retries = p.child("retries").integer(false, 0, 10).orElse(2);
        return name == null || path == null ? null
                : new SmokeProbe(name, method, path, status, contains, pointer, equals, latency, retries);
    }

    private static Rollout readRollout(Node n, ResourceKind kind, Staging staging) {
        boolean present = n.expectObject(false);
        if (present) {
            n.onlyKeys(Set.of("strategy", "canarySteps", "stepPause"));
        }
        RolloutStrategy fallback = kind == ResourceKind.JOB ? RolloutStrategy.JOB
                : staging.strategy() == StagingStrategy.APP ? RolloutStrategy.REPLACE : RolloutStrategy.BLUE_GREEN;
        RolloutStrategy strategy = present
                ? n.child("strategy").choice(false, RolloutStrategy.values(), RolloutStrategy::key).orElse(fallback)
                : fallback;
        List<Integer> steps = new ArrayList<>();
        for (Node s : present ? n.child("canarySteps").items(false) : List.<Node>of()) {
            s.integer(true, 1, 100).ifPresent(v -> {
                if (!steps.isEmpty() && v <= steps.get(steps.size() - 1)) {
                    s.error("canary steps must increase, found " + v + " after " + steps.get(steps.size() - 1));
                }
                steps.add(v);
            });
        }
        if (strategy == RolloutStrategy.CANARY) {
            if (steps.isEmpty()) {
                steps.addAll(List.of(10, 50, 100));
            } else if (steps.get(steps.size() - 1) != 100) {
                n.child("canarySteps").error("the last canary step must be 100");
            }
        } else if (!steps.isEmpty()) {
            n.child("canarySteps").error("is only used by the 'canary' strategy");
        }
        Duration pause = present ? n.child("stepPause").duration(false, SECOND, Duration.ofHours(6)).orElse(DEFAULT_STEP_PAUSE)
                : DEFAULT_STEP_PAUSE;
        if (kind == ResourceKind.JOB && strategy != RolloutStrategy.JOB) {
            n.child("strategy").error("a job target must use the 'job' rollout");
        }
        if (kind == ResourceKind.CONTAINER_APP && strategy == RolloutStrategy.JOB) {
            n.child("strategy").error("the 'job' rollout is only for job targets");
        }
        if ((strategy == RolloutStrategy.BLUE_GREEN || strategy == RolloutStrategy.CANARY)
                && staging.strategy() != StagingStrategy.LABEL) {
            n.child("strategy").error("'" + strategy.key() + "' moves traffic to the staging revision, so it needs the 'label' staging strategy");
        }
        return new Rollout(strategy, steps, pause);
    }

    private static Monitor readMonitor(Node n) {
        if (!n.expectObject(false)) {
            return new Monitor(DEFAULT_WINDOW, DEFAULT_INTERVAL, 0);
        }
        n.onlyKeys(Set.of("window", "interval", "maxRestarts"));
        Duration window = n.child("window").duration(false, Duration.ZERO, Duration.ofDays(2)).orElse(DEFAULT_WINDOW);
        Duration interval = n.child("interval").duration(false, Duration.ofSeconds(5), Duration.ofHours(1)).orElse(DEFAULT_INTERVAL);
        int maxRestarts = n.child("maxRestarts").integer(false, 0, 100).orElse(0);
        if (!window.isZero() && interval.compareTo(window) > 0) {
            n.child("interval").error("is longer than the window (" + window + ")");
        }
        return new Monitor(window, interval, maxRestarts);
    }

    private static Optional<RebuildPolicy> readRebuild(Node n) {
        if (!n.expectObject(false)) {
            return Optional.empty();
        }
        n.onlyKeys(Set.of("registryResourceId", "task", "minSeverity", "onlyFixable", "window", "maxConcurrent", "arguments"));
        Optional<String> registryId = n.child("registryResourceId").string(true);
        registryId.filter(id -> !ResourceIds.isRegistry(id)).ifPresent(id -> n.child("registryResourceId")
                .error("'" + id + "' is not a registry id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>)"));
        Optional<String> task = n.child("task").string(true);
        task.filter(name -> !name.matches("[a-zA-Z0-9][a-zA-Z0-9_-]{0,49}"))
                .ifPresent(name -> n.child("task").error("'" + name + "' is not a valid ACR Task name"));
        Severity min = readSeverity(n.child("minSeverity"), false).orElse(Severity.HIGH);
        boolean onlyFixable = n.child("onlyFixable").bool().orElse(true);
        Duration window = n.child("window").duration(false, Duration.ofHours(1), Duration.ofDays(30)).orElse(DEFAULT_REBUILD_WINDOW);
        int maxConcurrent = n.child("maxConcurrent").integer(false, 1, 50).orElse(3);
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String[] entry : n.child("arguments").textEntries()) {
            arguments.put(entry[0], entry[1]);
        }
        if (registryId.isEmpty() || task.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RebuildPolicy(registryId.get(), task.get(), min, onlyFixable, window, maxConcurrent, arguments));
    }

    private static Optional<Severity> readSeverity(Node n, boolean required) {
        return n.string(required).flatMap(text -> {
            Optional<Severity> s = Severity.parse(text);
            if (s.isEmpty()) {
                n.error("must be one of Low, Medium, High, Critical, found '" + text + "'");
            }
            return s;
        });
    }
}

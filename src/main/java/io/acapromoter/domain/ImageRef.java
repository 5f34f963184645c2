package io.acapromoter.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image reference: {@code registry/repository[:tag][@digest]}. The registry host is
 * required (images come from ACR, never from an implicit Docker Hub). A reference may name a
 * tag, a digest or both; only {@link #pinned()} turns it into something that can be deployed.
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]{1,5})?");
    static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    static final int MAX_NAME_LENGTH = 255;

    public ImageRef {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        String shown = format(registry, repository, tag.orElse(null), digest.orElse(null));
        checkRegistry(shown, registry);
        checkRepository(shown, repository);
        tag.ifPresent(t -> checkTag(shown, t));
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new InvalidReferenceException(shown, "a tag or a digest is required");
        }
    }

    /**
     * Parses {@code host[:port]/path[:tag][@algorithm:hex]}.
     *
     * @throws InvalidReferenceException naming the input and what is wrong with it
     */
    public static ImageRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidReferenceException(String.valueOf(text), "reference is empty");
        }
        if (!text.equals(text.strip())) {
            throw new InvalidReferenceException(text, "reference has leading or trailing whitespace");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            rest = rest.substring(0, at);
            try {
                digest = Digest.parse(digestText);
            } catch (InvalidReferenceException e) {
                throw new InvalidReferenceException(text, problemOf(e));
            }
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new InvalidReferenceException(text, "registry host is missing (expected host/repository)");
        }
        String registry = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        if (!looksLikeHost(registry)) {
            throw new InvalidReferenceException(text,
                    "'" + registry + "' is not a registry host (expected a name with a dot or a port, or localhost)");
        }
        String tag = null;
        int lastSlash = path.lastIndexOf('/');
        int colon = path.indexOf(':', lastSlash + 1);
        if (colon >= 0) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
            if (tag.isEmpty()) {
                throw new InvalidReferenceException(text, "tag is empty after ':'");
            }
        }
        try {
            return new ImageRef(registry, path, Optional.ofNullable(tag), Optional.ofNullable(digest));
        } catch (InvalidReferenceException e) {
            throw new InvalidReferenceException(text, problemOf(e));
        }
    }

    /** The digest-pinned form of this reference, which is what deployments take. */
    public PinnedImage pinned() {
        return digest.map(d -> new PinnedImage(registry, repository, d))
                .orElseThrow(() -> new InvalidReferenceException(toString(),
                        "reference is not pinned to a digest; deployments need registry/repository@sha256:…"));
    }

    public boolean isPinned() {
        return digest.isPresent();
    }

    @Override
    public String toString() {
        return format(registry, repository, tag.orElse(null), digest.orElse(null));
    }

    /** Whether {@code candidate} is a valid registry host ({@code host[:port]}) as written in configuration. */
    public static boolean looksLikeRegistryHost(String candidate) {
        if (candidate == null || !looksLikeHost(candidate) || !HOST.matcher(candidate).matches()) {
            return false;
        }
        int colon = candidate.indexOf(':');
        if (colon < 0) {
            return true;
        }
        int port = Integer.parseInt(candidate.substring(colon + 1));
        return port >= 1 && port <= 65535;
    }

    static boolean looksLikeHost(String candidate) {
        return candidate.equals("localhost") || candidate.startsWith("localhost:")
                || candidate.contains(".") || candidate.contains(":");
    }

    /** What is wrong with a repository path as written in configuration, if anything. */
    public static Optional<String> repositoryProblem(String repository) {
        try {
            checkRepository(repository, repository);
            return Optional.empty();
        } catch (InvalidReferenceException e) {
            return Optional.of(problemOf(e));
        }
    }

    /**
     * Registry hosts and repositories already found valid (validity depends on the text alone): intake checks
     * the same few names on every event, and the patterns were a fifth of a decision's time. Bounded, so
     * hostile senders cannot grow it; past the bound names are simply checked every time.
     */
    private static final java.util.Set<String> VALID_HOSTS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Set<String> VALID_REPOSITORIES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final int MAX_REMEMBERED_NAMES = 1024;

    private static void rememberValid(java.util.Set<String> valid, String name) {
        if (valid.size() < MAX_REMEMBERED_NAMES) {
            valid.add(name);
        }
    }

    static void checkRegistry(String shown, String registry) {
        if (registry != null && VALID_HOSTS.contains(registry)) {
            return;
        }
        if (registry == null || registry.isEmpty()) {
            throw new InvalidReferenceException(shown, "registry host is empty");
        }
        if (!HOST.matcher(registry).matches()) {
            throw new InvalidReferenceException(shown, "registry host '" + registry + "' is not a valid host[:port]");
        }
        int colon = registry.indexOf(':');
        if (colon >= 0) {
            int port = Integer.parseInt(registry.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new InvalidReferenceException(shown, "registry port " + port + " is out of range 1-65535");
            }
        }
        rememberValid(VALID_HOSTS, registry);
    }

    static void checkRepository(String shown, String repository) {
        if (repository != null && VALID_REPOSITORIES.contains(repository)) {
            return;
        }
        if (repository == null || repository.isEmpty()) {
            throw new InvalidReferenceException(shown, "repository is empty");
        }
        if (repository.length() > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(shown, "repository is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (String component : repository.split("/", -1)) {
            if (component.isEmpty()) {
                throw new InvalidReferenceException(shown, "repository has an empty path component");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new InvalidReferenceException(shown, "repository component '" + component
                        + "' must be lowercase letters and digits separated by '.', '_', '__' or '-'");
            }
        }
        rememberValid(VALID_REPOSITORIES, repository);
    }

    static void checkTag(String shown, String tag) {
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidReferenceException(shown, "tag '" + tag
                    + "' must be 1-128 characters of letters, digits, '_', '.', '-' and not start with '.' or '-'");
        }
    }

    static String format(String registry, String repository, String tag, Digest digest) {
        StringBuilder out = new StringBuilder();
        out.append(registry).append('/').append(repository);
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    private static String problemOf(InvalidReferenceException e) {
        String message = e.getMessage();
        int split = message.indexOf("': ");
        return split >= 0 ? message.substring(split + 3) : message;
    }
}

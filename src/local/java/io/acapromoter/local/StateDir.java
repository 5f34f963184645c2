package io.acapromoter.local;

import io.acapromoter.approval.UsedFormTokens;
import io.acapromoter.local.durable.DriverJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bin/promoter local --state DIR}: what a local run keeps across restarts. {@code journal.log}
 * holds the Durable driver's instances (see {@link DriverJournal}) and the hashes of spent approval form
 * tokens; {@code signing-key} holds the key approval links are signed with, so links sent before a
 * restart still open after it (created once, readable by the owner only; delete it to invalidate every
 * link sent so far).
 */
public final class StateDir implements AutoCloseable {

    static final String SIGNING_KEY = "signing-key";
    private static final String SPENT_FORM = "form-token-spent";

    private final Path dir;
    private final DriverJournal journal;
    private final String signingKey;

    private StateDir(Path dir, DriverJournal journal, String signingKey) {
        this.dir = dir;
        this.journal = journal;
        this.signingKey = signingKey;
    }

    /**
     * @throws DriverJournal.JournalException when the journal is corrupt (naming file and line)
     * @throws IllegalStateException when the signing key file is not a base64 key of at least 32 bytes
     */
    public static StateDir open(Path dir) {
        DriverJournal journal = DriverJournal.open(dir);
        try {
            return new StateDir(dir, journal, signingKey(dir.resolve(SIGNING_KEY)));
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    private static String signingKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return signingKey(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.SYNC);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the signing key " + file + " is not base64: delete it to make a new one"
                        + " (links sent so far stop working)");
            }
            if (key.length < 32) {
                throw new IllegalStateException("the signing key " + file + " has " + key.length
                        + " bytes, fewer than 32: delete it to make a new one (links sent so far stop working)");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public DriverJournal journal() {
        return journal;
    }

    /** Base64 of the key approval links are signed with. */
    public String signingKey() {
        return signingKey;
    }

    /** Spent form tokens: those spent before the restart, and each new one journaled before it counts. */
    public UsedFormTokens usedFormTokens() {
        Map<String, Instant> spent = new LinkedHashMap<>();
        // Expired ones included: the runtime's clock, not this one, says what has expired (UsedFormTokens drops them).
        for (var fact : journal.facts(SPENT_FORM)) {
            spent.put(fact.path("hash").asText(), Instant.parse(fact.path("expiry").asText()));
        }
        return new UsedFormTokens(spent, (hash, expiry) -> journal.recordFact(SPENT_FORM,
                Map.of("hash", hash, "expiry", expiry.toString())));
    }

    @Override
    public void close() {
        journal.close();
    }
}

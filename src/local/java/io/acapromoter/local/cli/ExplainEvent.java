package io.acapromoter.local.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.acapromoter.events.FindingParser;
import io.acapromoter.intake.Intake;
import io.acapromoter.settings.Settings;
import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileException;
import io.acapromoter.policy.PromotionFileLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code explain-event [--config FILE] EVENT_FILE…}: one JSON line per decision, with
 * {@code decision}, {@code reason}, {@code target}, {@code instanceId} and the pinned {@code image}.
 * A file that is not a valid event gives a {@code refuse} line; the other files are still explained.
 * The content decides: container registry events go to intake, Defender sub-assessments to the
 * rebuild planner ({@link ExplainFindings}).
 */
final class ExplainEvent {

    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    private final Clock clock;

    ExplainEvent(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, Clock.systemUTC());
    }

    ExplainEvent(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
    }

    int run(List<String> args) {
        String config = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--config")) {
                if (i + 1 >= args.size()) {
                    throw new PromoterCli.UsageException("--config needs a FILE");
                }
                config = args.get(++i);
            } else if (arg.startsWith("-")) {
                throw new PromoterCli.UsageException("unknown option '" + arg + "' for explain-event");
            } else {
                files.add(arg);
            }
        }
        if (files.isEmpty()) {
            throw new PromoterCli.UsageException("usage: bin/promoter explain-event [--config FILE] EVENT_FILE...");
        }
        Path configPath = Path.of(config != null ? config
                : new Settings(env).getOrDefault(Settings.CONFIG, "promotion.yaml"));
        PromotionFile file;
        try {
            file = PromotionFileLoader.load(configPath);
        } catch (PromotionFileException e) {
            err.println(e.getMessage());
            return PromoterCli.BAD_INPUT;
        }
        Intake intake = new Intake(file);
        ExplainFindings findings = null; // built on the first findings file: intake alone never loads it
        int status = PromoterCli.OK;
        for (String name : files) {
            String body;
            try {
                body = Files.readString(Path.of(name));
            } catch (IOException e) {
                err.println(name + ": cannot be read: " + e.getMessage());
                print(name, new IntakeDecision.Refuse("?", "file cannot be read: " + e.getMessage(), false));
                status = PromoterCli.BAD_INPUT;
                continue;
            }
            if (FindingParser.looksLikeFindings(body)) {
                findings = findings != null ? findings : new ExplainFindings(file, out);
                findings.explain(name, body, clock.instant());
                continue;
            }
            for (IntakeDecision decision : intake.decide(body)) {
                print(name, decision);
            }
        }
        return status;
    }

    /** Written with the streaming generator: an ObjectMapper would load Jackson's data binding for one line. */
    private void print(String file, IntakeDecision decision) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            line.writeStringField("file", file);
            line.writeStringField("eventId", decision.eventId());
            line.writeStringField("decision", decision.outcome());
            line.writeStringField("reason", decision.reason());
            line.writeStringField("target", decision.target().orElse(null));
            if (decision instanceof IntakeDecision.Promote promote) {
                line.writeStringField("instanceId", promote.candidate().promotionId().value());
                line.writeStringField("image", promote.candidate().image().toString());
                line.writeStringField("tag", promote.candidate().tag());
            } else {
                line.writeNullField("instanceId");
                line.writeNullField("image");
            }
            if (decision instanceof IntakeDecision.Refuse refuse && refuse.securityEvent()) {
                line.writeBooleanField("security", true);
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.println(text);
    }
}

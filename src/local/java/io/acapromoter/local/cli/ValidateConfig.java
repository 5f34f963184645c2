package io.acapromoter.local.cli;

import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileException;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.policy.Target;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code validate-config FILE}: every error with its path, or OK and a summary of the targets. */
final class ValidateConfig {

    private final PrintStream out;
    private final PrintStream err;

    ValidateConfig(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new PromoterCli.UsageException("usage: bin/promoter validate-config FILE");
        }
        try {
            PromotionFile file = PromotionFileLoader.load(Path.of(args.get(0)));
            out.println("OK: " + args.get(0) + " — " + file.registries().size() + " allowed registr"
                    + (file.registries().size() == 1 ? "y" : "ies") + ", " + file.targets().size() + " target"
                    + (file.targets().size() == 1 ? "" : "s"));
            for (Target t : file.targets()) {
                out.println("  " + t.name() + ": " + t.registry() + "/" + t.repository() + " tags " + t.tags().pattern()
                        + " -> " + t.kind().name().toLowerCase().replace('_', ' ') + " " + t.productionResourceId()
                        + " (staging " + t.staging().strategy().key() + ", rollout " + t.rollout().strategy().key()
                        + ", " + t.smoke().size() + " probe" + (t.smoke().size() == 1 ? "" : "s")
                        + ", " + t.approval().required() + " approval" + (t.approval().required() == 1 ? "" : "s")
                        + " of " + t.approval().approvers().size() + ")");
            }
            return PromoterCli.OK;
        } catch (PromotionFileException e) {
            err.println(e.getMessage());
            return PromoterCli.BAD_INPUT;
        }
    }
}

package io.acapromoter.events;

import io.acapromoter.intake.Intake;
import io.acapromoter.policy.PromotionFileLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The child JVM of {@code JsonTreesTest}: a cold worker's first intake decision, and nothing else. */
final class ColdIntakeProbe {

    private ColdIntakeProbe() {
    }

    public static void main(String[] args) throws IOException {
        Intake intake = new Intake(PromotionFileLoader.load(Path.of(args[0])));
        System.out.println("DECIDED " + intake.decide(Files.readString(Path.of(args[1]))).get(0).outcome());
    }
}

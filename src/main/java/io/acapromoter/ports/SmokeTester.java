package io.acapromoter.ports;

import io.acapromoter.domain.ProbeResult;
import io.acapromoter.domain.SmokeProbe;

import java.util.List;

/** Runs HTTP probes against one base URL (staging, or production while monitoring) and nothing else. */
public interface SmokeTester {

    List<ProbeResult> run(String baseUrl, List<SmokeProbe> probes);
}

package io.acapromoter.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileException;
import io.acapromoter.policy.PromotionFileLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code allow-list-policy FILE}: prints the Azure Policy definition that allow-lists the promotion
 * file's registries on Container Apps and jobs, the content of {@code infra/policy/allowed-images.json}.
 * Container Apps has no allow-list of image sources of its own; this policy denies (or audits, by
 * its {@code effect} parameter) any app or job whose containers or init containers run an image
 * that is not from an allowed registry or not pinned by digest. A test keeps the committed file
 * equal to what this prints for {@code promotion.yaml}.
 */
final class AllowListPolicy {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<String> TYPES = List.of("Microsoft.App/containerApps", "Microsoft.App/jobs");
    static final List<String> CONTAINER_ARRAYS = List.of("containers", "initContainers");

    private final PrintStream out;
    private final PrintStream err;

    AllowListPolicy(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new PromoterCli.UsageException("usage: bin/promoter allow-list-policy FILE > infra/policy/allowed-images.json");
        }
        try {
            out.println(render(PromotionFileLoader.load(Path.of(args.get(0)))));
            return PromoterCli.OK;
        } catch (PromotionFileException e) {
            err.println(e.getMessage());
            return PromoterCli.BAD_INPUT;
        }
    }

    static String render(PromotionFile file) {
        try {
            return JSON.writeValueAsString(definition(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The definition's {@code properties}: parameters (registries from {@code file}, effect) and the rule. */
    static ObjectNode definition(PromotionFile file) {
        ObjectNode p = JSON.createObjectNode();
        p.put("displayName", "ACA Promoter: Container Apps and jobs run digest-pinned images from allowed registries");
        p.put("policyType", "Custom");
        p.put("mode", "Indexed");
        p.put("description", "Generated from the promotion file by 'bin/promoter allow-list-policy promotion.yaml'. "
                + "Denies (or audits) container apps and jobs whose containers or init containers use an image from "
                + "a registry that is not allowed, or an image that is not pinned by digest (@sha256:).");
        p.putObject("metadata").put("category", "Container Apps").put("version", "1.0.0");
        ObjectNode parameters = p.putObject("parameters");
        ObjectNode registries = parameters.putObject("allowedRegistries");
        registries.put("type", "Array");
        registries.putObject("metadata").put("displayName", "Allowed registries")
                .put("description", "Registry login servers images may come from (the promotion file's registries).");
        ArrayNode defaults = registries.putArray("defaultValue");
        file.registries().forEach(defaults::add);
        ObjectNode effect = parameters.putObject("effect");
        effect.put("type", "String");
        effect.putObject("metadata").put("displayName", "Effect")
                .put("description", "Deny blocks the create or update; Audit only reports it; Disabled turns the policy off.");
        effect.putArray("allowedValues").add("Deny").add("Audit").add("Disabled");
        effect.put("defaultValue", "Deny");

        ObjectNode rule = p.putObject("policyRule");
        ArrayNode anyType = rule.putObject("if").putArray("anyOf");
        for (String type : TYPES) {
            ArrayNode allOf = anyType.addObject().putArray("allOf");
            allOf.addObject().put("field", "type").put("equals", type);
            ArrayNode anyArray = allOf.addObject().putArray("anyOf");
            for (String array : CONTAINER_ARRAYS) {
                String alias = type + "/template." + array + "[*]";
                ObjectNode count = anyArray.addObject();
                ObjectNode c = count.putObject("count");
                c.put("field", alias);
                ArrayNode bad = c.putObject("where").putArray("anyOf");
                bad.addObject().put("value", "[first(split(current('" + alias + ".image'), '/'))]")
                        .put("notIn", "[parameters('allowedRegistries')]");
                bad.addObject().put("field", alias + ".image").put("notContains", "@sha256:");
                count.put("greater", 0);
            }
        }
        rule.putObject("then").put("effect", "[parameters('effect')]");
        return p;
    }
}

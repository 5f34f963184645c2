package io.acapromoter.events;

import com.fasterxml.jackson.core.JsonProcessingException;

/** The one way both parsers say a payload is not JSON: Jackson's reason and where, without echoing the body. */
final class MalformedJson {

    private MalformedJson() {
    }

    static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage()
                .replaceAll("\\s*\\(start marker at \\[Source.*$", "")
                .replaceAll("\\s*at \\[Source.*$", "")
                // Jackson names its own settings in limit messages; the sender needs the limit, not the class.
                .replaceAll(",? from `[^`]*`", "")
                .replaceAll("\\s*\\(?StreamReadConstraints[^)]*\\)?", "");
        return "malformed JSON: " + reason + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr());
    }
}

package io.acapromoter.approval;

/**
 * One labelled value shown to approvers on the page, in the card and in the mail. Values are raw
 * text; each renderer escapes them for its medium.
 *
 * @param key   a stable key (used as {@code data-fact} on the page)
 * @param label what people read
 * @param value the raw value
 */
record Fact(String key, String label, String value) {
}

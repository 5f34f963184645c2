package io.acapromoter.local.sim;

import java.util.regex.Pattern;

/**
 * One route: method, path pattern with named groups, the Azure operation name it is counted
 * under, and its handler.
 */
record Route(String method, Pattern path, String operation, Handler handler) {

    interface Handler {
        SimResponse handle(SimRequest request);
    }

    /** Builds a route from a template such as {@code /subscriptions/{sub}/resourceGroups/{rg}}; {@code {name+}} spans slashes. */
    static Route of(String method, String template, String operation, Handler handler) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            regex.append(Pattern.quote(template.substring(i, open)));
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            if (name.endsWith("+")) {
                regex.append("(?<").append(name, 0, name.length() - 1).append(">.+?)");
            } else {
                regex.append("(?<").append(name).append(">[^/]+)");
            }
            i = close + 1;
        }
        return new Route(method, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE), operation, handler);
    }
}

package io.acapromoter.domain;

/** An image reference or digest that cannot be parsed; the message names the input and the problem. */
public final class InvalidReferenceException extends IllegalArgumentException {

    private final String input;

    public InvalidReferenceException(String input, String problem) {
        super("invalid image reference '" + input + "': " + problem);
        this.input = input;
    }

    public String input() {
        return input;
    }
}

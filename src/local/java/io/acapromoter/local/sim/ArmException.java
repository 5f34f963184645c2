package io.acapromoter.local.sim;

/** An error the simulator answers with, in the shape Azure uses: {@code {"error":{"code","message"}}}. */
final class ArmException extends RuntimeException {
    final int status;
    final String code;

    ArmException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ArmException notFound(String type, String name) {
        return new ArmException(404, "ResourceNotFound",
                "The Resource '" + type + "/" + name + "' was not found.");
    }

    static ArmException badRequest(String code, String message) {
        return new ArmException(400, code, message);
    }
}

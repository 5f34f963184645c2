package io.acapromoter.approval;


/**
 * The result of checking a signed link or form token: accepted with what it says, or refused with
 * a precise reason. Never an exception: a bad link is an answer for the person holding it.
 */
public record LinkCheck(LinkToken token, Refusal refusal, String detail) {

    public static LinkCheck accepted(LinkToken token) {
        return new LinkCheck(token, null, "valid");
    }

    public static LinkCheck refused(Refusal refusal, String detail) {
        return new LinkCheck(null, refusal, detail);
    }

    public boolean isValid() {
        return refusal == null;
    }

    /** Why a link or form token was refused, with the HTTP status the page answers with. */
    public enum Refusal {
        /** Not a token this app writes (bad encoding, missing parts). */
        MALFORMED(400),
        /** The signature does not match: some part was changed. */
        TAMPERED(403),
        /** Signed with a key this app does not (or no longer) accept. */
        WRONG_KEY(403),
        /** Past its expiry. */
        EXPIRED(410),
        /** Made for another promotion than the one it is checked against. */
        WRONG_INSTANCE(409),
        /** Made for another digest than the one the promotion holds. */
        WRONG_DIGEST(409);

        private final int httpStatus;

        Refusal(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}

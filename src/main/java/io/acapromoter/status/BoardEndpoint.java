package io.acapromoter.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.acapromoter.approval.Response;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/board}, {@code GET /api/targets/{name}} and {@code GET /api/targets/{name}/history}
 * for ops, behind App Service Authentication like the status endpoint. The board and a target's card
 * answer HTML to browsers and JSON otherwise (as {@link StatusEndpoint}); the history is JSON, paged.
 */
public final class BoardEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // enums in their wire words (decisions as `approve`, like links, forms and the audit trail)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final BoardQueries queries;
    private final TargetHistory history;
    private final BoardPage page;

    public BoardEndpoint(BoardQueries queries, TargetHistory history, BoardPage page) {
        this.queries = queries;
        this.history = history;
        this.page = page;
    }

    public Response board(Map<String, String> query, String accept) {
        Board board = queries.board();
        return StatusEndpoint.html(query, accept) ? StatusEndpoint.answer(200, "text/html; charset=utf-8", page.board(board))
                : StatusEndpoint.answer(200, "application/json", json(board));
    }

    public Response target(String name, Map<String, String> query, String accept) {
        Optional<Board> board = name == null ? Optional.empty() : queries.target(name);
        if (board.isEmpty()) {
            return unknown(name);
        }
        return StatusEndpoint.html(query, accept)
                ? StatusEndpoint.answer(200, "text/html; charset=utf-8", page.target(board.get().targets().get(0), board.get().at()))
                : StatusEndpoint.answer(200, "application/json", json(board.get()));
    }

    /** {@code ?limit=} (1 to {@value TargetHistory#MAX}, default 20) and {@code ?continuation=} (the previous page's {@code next}). */
    public Response history(String name, Map<String, String> query) {
        if (name == null || !queries.knows(name)) {
            return unknown(name);
        }
        int limit;
        String given = Optional.ofNullable(query.get("limit")).map(String::strip).orElse("");
        try {
            limit = given.isEmpty() ? 20 : Integer.parseInt(given);
        } catch (NumberFormatException e) {
            return StatusEndpoint.answer(400, TEXT, "limit must be a whole number from 1 to " + TargetHistory.MAX + ", found '"
                    + shown(given) + "'\n");
        }
        Optional<String> continuation = Optional.ofNullable(query.get("continuation")).map(String::strip).filter(s -> !s.isEmpty());
        try {
            return StatusEndpoint.answer(200, "application/json", json(history.page(name, limit, continuation)));
        } catch (IllegalArgumentException e) {
            return StatusEndpoint.answer(400, TEXT, e.getMessage() + "\n");
        }
    }

    private static Response unknown(String name) {
        return StatusEndpoint.answer(404, TEXT, "no target '" + shown(String.valueOf(name)) + "' in the promotion file\n");
    }

    /** A request value echoed in an answer: control characters dropped, at most 100 characters. */
    private static String shown(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the board as JSON", e);
        }
    }
}

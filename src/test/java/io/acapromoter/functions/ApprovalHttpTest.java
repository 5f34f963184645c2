package io.acapromoter.functions;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import io.acapromoter.approval.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ApprovalHttpTest {

    @ParameterizedTest(name = "X-Forwarded-For \"{0}\" gives {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.7:51234|203.0.113.7",
            "6.6.6.6, 203.0.113.7:51234|203.0.113.7",
            "[2001:db8::1]:443|2001:db8::1",
            "198.51.100.2|198.51.100.2"})
    void source_isTheLastForwardedAddressTheClientCannotChoose(String header, String expected) {
        assertThat(ApprovalHttp.source(Map.of("X-Forwarded-For", header))).isEqualTo(expected);
    }

    @Test
    void source_isUnknownWithoutForwardedHeader() {
        assertThat(ApprovalHttp.source(Map.of())).isEqualTo("unknown");
    }

    @Test
    @SuppressWarnings("unchecked")
    void respond_copiesStatusHeadersAndBody() {
        HttpRequestMessage<Optional<String>> request = mock(HttpRequestMessage.class);
        HttpResponseMessage.Builder builder = mock(HttpResponseMessage.Builder.class, RETURNS_SELF);
        HttpResponseMessage built = mock(HttpResponseMessage.class);
        when(request.createResponseBuilder(any(HttpStatusType.class))).thenReturn(builder);
        when(builder.build()).thenReturn(built);

        HttpResponseMessage out = ApprovalHttp.respond(request,
                new Response(410, Map.of("X-Frame-Options", "DENY"), "<p>gone</p>"));

        assertThat(out).isSameAs(built);
        verify(request).createResponseBuilder(org.mockito.ArgumentMatchers.argThat((HttpStatusType s) -> s.value() == 410));
        verify(builder).header("X-Frame-Options", "DENY");
        verify(builder).body("<p>gone</p>");
    }
}

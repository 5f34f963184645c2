package io.acapromoter.approval;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** App Service Authentication's {@code X-MS-CLIENT-PRINCIPAL}: base64 JSON with {@code auth_typ, claims[typ,val], name_typ, role_typ}. */
class PrincipalTest {

    static String encode(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fromHeaders_readsPreferredUsernameAndGroupClaims() {
        String json = """
                {"auth_typ":"aad","claims":[
                  {"typ":"name","val":"Alice Example"},
                  {"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn","val":"alice.upn@contoso.com"},
                  {"typ":"preferred_username","val":"alice@contoso.com"},
                  {"typ":"groups","val":"0f0f0f0f-0000-4000-8000-000000000001"},
                  {"typ":"groups","val":"0f0f0f0f-0000-4000-8000-000000000002"},
                  {"typ":"roles","val":"Approver"}],
                 "name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
                 "role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}""";

        assertThat(Principal.fromHeaders(Map.of("X-MS-CLIENT-PRINCIPAL", encode(json))))
                .contains(new Principal("alice@contoso.com", List.of("0f0f0f0f-0000-4000-8000-000000000001",
                        "0f0f0f0f-0000-4000-8000-000000000002")));
    }

    @Test
    void fromHeaders_fallsBackToTheUpnUriClaimAndTheMappedGroupsClaim() {
        String json = "{\"auth_typ\":\"aad\",\"claims\":["
                + "{\"typ\":\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn\",\"val\":\"bob@contoso.com\"},"
                + "{\"typ\":\"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups\",\"val\":\"g1\"}]}";

        assertThat(Principal.fromHeaders(Map.of("x-ms-client-principal", encode(json))))
                .contains(new Principal("bob@contoso.com", List.of("g1")));
    }

    @Test
    void fromHeaders_usesThePrincipalNameHeaderWhenTheClaimsNameNobody() {
        String json = "{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"groups\",\"val\":\"g1\"}]}";

        assertThat(Principal.fromHeaders(Map.of("X-MS-CLIENT-PRINCIPAL", encode(json),
                "X-MS-CLIENT-PRINCIPAL-NAME", "carol@contoso.com")))
                .contains(new Principal("carol@contoso.com", List.of("g1")));
    }

    @Test
    void fromHeaders_withAnUnreadablePrincipalUsesOnlyTheNameHeader() {
        assertThat(Principal.fromHeaders(Map.of("X-MS-CLIENT-PRINCIPAL", "%%% not base64",
                "X-MS-CLIENT-PRINCIPAL-NAME", "dave@contoso.com")))
                .contains(new Principal("dave@contoso.com", List.of()));
        assertThat(Principal.fromHeaders(Map.of("X-MS-CLIENT-PRINCIPAL", encode("not json")))).isEmpty();
    }

    @Test
    void signedIn_isTheDevelopmentIdentityWhateverHeadersAClientSends() {
        Principal dev = new Principal("alice@example.com", List.of());
        Map<String, String> forged = Map.of(Principal.PRINCIPAL_NAME_HEADER, "mallory@example.com");

        assertThat(Principal.signedIn(java.util.Optional.of(dev), forged)).contains(dev);
        assertThat(Principal.signedIn(java.util.Optional.empty(), forged))
                .map(Principal::name).contains("mallory@example.com");
        assertThat(Principal.signedIn(java.util.Optional.empty(), Map.of())).isEmpty();
    }

    @Test
    void fromHeaders_withoutHeadersIsEmpty() {
        assertThat(Principal.fromHeaders(Map.of("Accept", "text/html"))).isEmpty();
    }

    @Test
    void malformedPrincipalHeader_readsAsNobody_andSaysWhyWithoutItsContent() {
        String claims = encode("{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\"alice@contoso.com\"}");
        try (io.acapromoter.logging.CapturedLog log = new io.acapromoter.logging.CapturedLog(Principal.class)) {
            assertThat(Principal.fromHeaders(Map.of(Principal.PRINCIPAL_HEADER, claims))).isEmpty();

            assertThat(log.lines()).singleElement().asString().startsWith("WARNING event=principal.unreadable")
                    .contains("header=X-MS-CLIENT-PRINCIPAL", "outcome=nobody", "JsonEOFException")
                    .doesNotContain("alice");
        }
    }
}

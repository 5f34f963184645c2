package io.acapromoter.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRefTest {

    static final String D = "sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "contoso.azurecr.io/web:v1                                   | contoso.azurecr.io | web                  | v1       | -",
            "contoso.azurecr.io/shop/web:v1.4.2                          | contoso.azurecr.io | shop/web             | v1.4.2   | -",
            "contoso.azurecr.io/a/b/c/d:latest                           | contoso.azurecr.io | a/b/c/d              | latest   | -",
            "localhost:5000/web:dev                                      | localhost:5000     | web                  | dev      | -",
            "localhost/web:dev                                           | localhost          | web                  | dev      | -",
            "registry.example.com:443/team/app:1.0                       | registry.example.com:443 | team/app       | 1.0      | -",
            "10.0.0.4:5000/app:1                                         | 10.0.0.4:5000      | app                  | 1        | -",
            "contoso.azurecr.io/web@" + D + "                            | contoso.azurecr.io | web                  | -        | " + D,
            "contoso.azurecr.io/shop/web:v2@" + D + "                    | contoso.azurecr.io | shop/web             | v2       | " + D,
            "localhost:5000/nested/path/app:v1@" + D + "                 | localhost:5000     | nested/path/app      | v1       | " + D,
            "contoso.azurecr.io/my_app:v1                                | contoso.azurecr.io | my_app               | v1       | -",
            "contoso.azurecr.io/my__app:v1                               | contoso.azurecr.io | my__app              | v1       | -",
            "contoso.azurecr.io/my---app:v1                              | contoso.azurecr.io | my---app             | v1       | -",
            "contoso.azurecr.io/my.app:v1                                | contoso.azurecr.io | my.app               | v1       | -",
            "contoso.azurecr.io/web:V1_RC.2-x                            | contoso.azurecr.io | web                  | V1_RC.2-x | -",
            "contoso.azurecr.io/web:_private                             | contoso.azurecr.io | web                  | _private | -",
            "my-registry.azurecr.io/web:1                                | my-registry.azurecr.io | web              | 1        | -",
    })
    void parse_readsValidReferencesAndFormatsThemBack(String text, String registry, String repository, String tag, String digest) {
        ImageRef ref = ImageRef.parse(text);

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag().orElse(null)).isEqualTo(tag);
        assertThat(ref.digest().map(Digest::toString).orElse(null)).isEqualTo(digest);
        assertThat(ref.toString()).isEqualTo(text);
        assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                                   | reference is empty",
            "web:v1                                               | registry host is missing",
            "web                                                  | registry host is missing",
            "library/web:v1                                       | 'library' is not a registry host",
            "contoso.azurecr.io/web                               | a tag or a digest is required",
            "contoso.azurecr.io/Web:v1                            | repository component 'Web'",
            "contoso.azurecr.io/web/:v1                           | empty path component",
            "contoso.azurecr.io//web:v1                           | empty path component",
            "contoso.azurecr.io/:v1                               | repository is empty",
            "contoso.azurecr.io/web:                              | tag is empty",
            "contoso.azurecr.io/web:-v1                           | tag '-v1'",
            "contoso.azurecr.io/web:.v1                           | tag '.v1'",
            "contoso.azurecr.io/web:v1!                           | tag 'v1!'",
            "contoso.azurecr.io/we b:v1                           | repository component 'we b'",
            "contoso.azurecr.io/-web:v1                           | repository component '-web'",
            "contoso.azurecr.io/web.:v1                           | repository component 'web.'",
            "contoso.azurecr.io/web@sha256:abc                    | must have 64 hex characters, found 3",
            "contoso.azurecr.io/web@md5:d41d8cd98f00b204e9800998ecf8427e | unsupported digest algorithm 'md5'",
            "contoso.azurecr.io/web@sha256:213BBC182920AB41E18EDC2001E06ABCCA6735D87782D9CEF68ABD83941CF0E5 | lowercase hexadecimal",
            "contoso.azurecr.io/web@213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5 | digest must look like sha256:",
            "contoso.azurecr.io/web@                              | digest is empty",
            "contoso.azurecr.io:99999/web:v1                      | port 99999 is out of range",
            "contoso.azurecr.io:0/web:v1                          | port 0 is out of range",
            "-contoso.azurecr.io/web:v1                           | not a valid host",
            "contoso..azurecr.io/web:v1                           | not a valid host",
            "' contoso.azurecr.io/web:v1'                         | leading or trailing whitespace",
            "contoso.azurecr.io/web:v1:v2                         | tag 'v1:v2'",
    })
    void parse_rejectsInvalidReferencesNamingInputAndProblem(String text, String problem) {
        assertThatThrownBy(() -> ImageRef.parse(text))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void parse_rejectsOverlongRepository() {
        String text = "contoso.azurecr.io/" + "a".repeat(256) + ":v1";
        assertThatThrownBy(() -> ImageRef.parse(text)).hasMessageContaining("longer than 255");
    }

    @Test
    void pinned_rejectsTagOnlyReferenceForDeploy() {
        ImageRef tagOnly = ImageRef.parse("contoso.azurecr.io/web:v1");

        assertThatThrownBy(tagOnly::pinned)
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("not pinned to a digest");
    }

    @Test
    void pinned_keepsRegistryRepositoryAndDigestAndDropsTheTag() {
        PinnedImage pinned = ImageRef.parse("contoso.azurecr.io/shop/web:v2@" + D).pinned();

        assertThat(pinned.toString()).isEqualTo("contoso.azurecr.io/shop/web@" + D);
        assertThat(PinnedImage.parse(pinned.toString())).isEqualTo(pinned);
    }

    @Test
    void pinnedImage_parseRefusesATagOnlyReference() {
        assertThatThrownBy(() -> PinnedImage.parse("contoso.azurecr.io/web:latest"))
                .hasMessageContaining("'contoso.azurecr.io/web:latest'")
                .hasMessageContaining("not pinned");
    }

    @Test
    void digest_roundTripsAndShortensForPeople() {
        Digest digest = Digest.parse(D);

        assertThat(digest.toString()).isEqualTo(D);
        assertThat(digest.shortHex()).isEqualTo("213bbc182920");
        assertThat(Digest.parse("sha512:" + "a".repeat(128)).algorithm()).isEqualTo("sha512");
    }

    @Test
    void namesFoundValidOnce_stayValid_andInvalidOnesAreRefusedEveryTime_whateverCameBefore() {
        Digest digest = Digest.parse("sha256:" + "a".repeat(64));
        for (int round = 0; round < 3; round++) {
            assertThat(new PinnedImage("demoacr.azurecr.io", "shop/web", digest).repository()).isEqualTo("shop/web");
            assertThatThrownBy(() -> new PinnedImage("demoacr.azurecr.io", "Shop/Web", digest)).hasMessageContaining("lowercase");
            assertThatThrownBy(() -> new PinnedImage("bad host", "shop/web", digest)).hasMessageContaining("not a valid host");
            assertThatThrownBy(() -> new PinnedImage("demoacr.azurecr.io:70000", "shop/web", digest)).hasMessageContaining("out of range");
            assertThatThrownBy(() -> new PinnedImage("demoacr.azurecr.io", "shop//web", digest)).hasMessageContaining("empty path component");
        }
        // Past the bound on remembered names, names are still checked, the same way.
        for (int i = 0; i < ImageRef.MAX_REMEMBERED_NAMES + 10; i++) {
            assertThat(new PinnedImage("host" + i + ".example.com", "repo/n" + i, digest).registry()).isEqualTo("host" + i + ".example.com");
        }
        assertThatThrownBy(() -> new PinnedImage("demoacr.azurecr.io", "Shop/Other", digest)).hasMessageContaining("lowercase");
        assertThat(new PinnedImage("late.example.com", "late/one", digest).repository()).isEqualTo("late/one");
    }
}

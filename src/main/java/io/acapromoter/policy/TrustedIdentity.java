package io.acapromoter.policy;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.util.HashSet;
import java.util.Set;

/**
 * A signer a target trusts, written as in a Notation trust policy: {@code x509.subject: C=US,
 * ST=WA, O=Contoso, CN=shop-builder}. Matches a leaf certificate whose subject has exactly these
 * attributes, in any order (as Notation compares them).
 *
 * @param text the identity as written
 * @param rdns its attributes
 */
public record TrustedIdentity(String text, Set<Rdn> rdns) {

    static final String PREFIX = "x509.subject:";

    public TrustedIdentity {
        rdns = Set.copyOf(rdns);
    }

    /** Parses {@code x509.subject: <distinguished name>}; fails with what is wrong. */
    public static TrustedIdentity parse(String text) {
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("'" + text + "' must look like 'x509.subject: C=US, O=Contoso, CN=builder' (or '*' for any)");
        }
        String dn = text.substring(PREFIX.length()).trim();
        if (dn.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no subject");
        }
        try {
            Set<Rdn> rdns = rdnsOf(new LdapName(dn));
            if (rdns.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' names no subject");
            }
            return new TrustedIdentity(text, rdns);
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("'" + dn + "' is not a distinguished name: " + e.getMessage());
        }
    }

    /** Whether {@code subject} has exactly this identity's attributes. */
    public boolean matches(X500Principal subject) {
        try {
            return rdns.equals(rdnsOf(new LdapName(subject.getName(X500Principal.RFC2253))));
        } catch (InvalidNameException e) {
            return false;
        }
    }

    /** {@link Rdn#equals} ignores the case of types and of string values, as Notation does. */
    private static Set<Rdn> rdnsOf(LdapName name) {
        return new HashSet<>(name.getRdns());
    }
}

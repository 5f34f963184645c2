package io.acapromoter.local.sim;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A self-signed EC P-256 certificate (SHA256withECDSA, X.509 v3 with a subject alternative name
 * extension), encoded here in DER with the JDK's own key and signature classes, so the simulator
 * needs neither {@code keytool} child processes nor a crypto library. Host names are DNS entries
 * (wildcards allowed); addresses such as {@code 127.0.0.1} are IP entries.
 */
record SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {

    private static final byte[] ECDSA_WITH_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
    private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    static SelfSignedCertificate create(String commonName, List<String> names, Duration validity) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one subject alternative name");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            byte[] name = seq(set(seq(COMMON_NAME, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
            Instant now = Instant.now();
            byte[] tbs = seq(
                    tlv(0xa0, tlv(0x02, new byte[] {2})),
                    tlv(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                    seq(ECDSA_WITH_SHA256),
                    name,
                    seq(utcTime(now.minus(Duration.ofMinutes(5))), utcTime(now.plus(validity))),
                    name,
                    keys.getPublic().getEncoded(),
                    tlv(0xa3, seq(seq(SUBJECT_ALT_NAME, tlv(0x04, seq(generalNames(names)))))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bitString = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bitString, 1, signature.length);
            byte[] der = seq(tbs, seq(ECDSA_WITH_SHA256), tlv(0x03, bitString));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            return new SelfSignedCertificate(keys, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a self-signed certificate for " + names + ": " + e.getMessage(), e);
        }
    }

    private static byte[][] generalNames(List<String> names) {
        byte[][] out = new byte[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            out[i] = isIpLiteral(n) ? tlv(0x87, address(n)) : tlv(0x82, n.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":");
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static byte[] utcTime(Instant at) {
        return tlv(0x17, UTC_TIME.format(at).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int shift = 28;
            while (shift > 0 && (arc >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                body.write(0x80 | ((arc >>> shift) & 0x7f));
            }
            body.write(arc & 0x7f);
        }
        return tlv(0x06, body.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, parts);
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, parts);
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        int length = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] len = BigInteger.valueOf(length).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}

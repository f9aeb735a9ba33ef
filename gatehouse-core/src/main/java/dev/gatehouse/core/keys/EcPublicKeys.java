package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.Curve;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/** The public point of an EC private key: from the key file when present, else computed as d*G by Bouncy Castle. */
final class EcPublicKeys {
    private EcPublicKeys() {
    }

    static ECPublicKey of(PrivateKeyInfo info, ECPrivateKey key) throws IOException, GeneralSecurityException {
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        DERBitString stored = (DERBitString) sec1.getPublicKey();
        if (stored != null) {
            AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
            return (ECPublicKey) new JcaPEMKeyConverter().getPublicKey(new SubjectPublicKeyInfo(algorithm, stored.getBytes()));
        }
        return derive(key);
    }

    /** d*G; used for PKCS#8 files written without the optional public key (the JDK writes them so). */
    static ECPublicKey derive(ECPrivateKey key) throws GeneralSecurityException {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        if (curve == null) {
            throw new GeneralSecurityException("unsupported curve");
        }
        ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec(curve.getStdName());
        org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(key.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), key.getParams()));
    }
}

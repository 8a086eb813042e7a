package org.openmargo.wfm.identity;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificate chain and private key a TLS server presents, replaceable while the server runs: a renewed SVID (or
 * MIS TLS certificate) is {@link #swap swapped} in and every handshake after that presents it, without a restart.
 * Sessions that resume keep the certificate they were established with.
 *
 * <p>Each swap builds a fresh JDK key manager over an in-memory key store and publishes it through a volatile field,
 * so the JDK's own key-type matching is kept. Thread safe.
 */
public final class SvidKeyManager extends X509ExtendedKeyManager {
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Current current;
    private volatile Current previous;

    /** One installed pair under an alias of its own, so that a handshake never mixes two pairs' chain and key. */
    private record Current(X509ExtendedKeyManager delegate, List<X509Certificate> chain, String alias) {
    }

    private SvidKeyManager(List<X509Certificate> chain, PrivateKey key) {
        swap(chain, key);
    }

    /** A key manager presenting {@code chain} (leaf first) with {@code key}. */
    public static SvidKeyManager of(List<X509Certificate> chain, PrivateKey key) {
        return new SvidKeyManager(chain, key);
    }

    /**
     * A key manager over PEM files: a chain (leaf first) and an unencrypted PKCS#8 key.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static SvidKeyManager fromFiles(Path chainFile, Path keyFile) {
        return new SvidKeyManager(ServerTls.readChain(chainFile), ServerTls.readKey(keyFile));
    }

    /**
     * Presents {@code chain} with {@code key} from the next handshake on.
     *
     * @throws IllegalArgumentException when the key store refuses the pair
     */
    public synchronized void swap(List<X509Certificate> chain, PrivateKey key) {
        String alias = "wfm-" + generation.incrementAndGet();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, password);
            for (KeyManager m : factory.getKeyManagers()) {
                if (m instanceof X509ExtendedKeyManager x) {
                    previous = current;
                    current = new Current(x, List.copyOf(chain), alias);
                    return;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedKeyManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use this certificate and key for TLS: " + e.getMessage(), e);
        }
    }

    /** The chain presented now, leaf first. */
    public List<X509Certificate> chain() {
        return current.chain();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current.delegate().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current.delegate().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.delegate().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.delegate().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.delegate().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return current.delegate().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return holder(alias).delegate().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return holder(alias).delegate().getPrivateKey(alias);
    }

    /** The pair an alias was chosen from: a handshake that chose just before a swap finishes with that pair. */
    private Current holder(String alias) {
        Current now = current;
        Current before = previous;
        return before != null && before.alias().equals(alias) ? before : now;
    }
}

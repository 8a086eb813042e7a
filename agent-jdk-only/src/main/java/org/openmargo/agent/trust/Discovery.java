package org.openmargo.agent.trust;

import java.net.URI;
import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;

/**
 * The MIS discovery document {@code /.well-known/margo} (spec b.1) with the OpenMargo extension object
 * {@code x-openmargo} ({@code docs/identity-service.md}). Unknown members are ignored.
 *
 * @param trustDomain    {@code trustDomain}
 * @param trustBundleUri {@code trustBundleUri}, https
 * @param wfmId          {@code x-openmargo.wfmId}, when the MIS is an OpenMargo WFM
 * @param enrollUri      {@code x-openmargo.enrollUri}, when the MIS serves enrollment
 */
public record Discovery(String trustDomain, URI trustBundleUri, Optional<String> wfmId, Optional<URI> enrollUri) {

    /**
     * Parses the document fetched from {@code from}.
     *
     * @throws IllegalArgumentException naming {@code from} and what is wrong
     */
    public static Discovery parse(URI from, byte[] body) {
        JsonObject document;
        try {
            if (!(Json.parse(body) instanceof JsonObject object)) {
                throw new IllegalArgumentException("discovery document " + from + " is not a JSON object");
            }
            document = object;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("discovery document " + from + " is not JSON: " + e.getMessage(), e);
        }
        String domain = document.string("trustDomain").orElseThrow(() -> new IllegalArgumentException(
                "discovery document " + from + " has no trustDomain"));
        URI bundle = document.string("trustBundleUri").map(text -> uri(from, text)).orElseThrow(
                () -> new IllegalArgumentException("discovery document " + from + " has no trustBundleUri"));
        Optional<JsonObject> extension = document.object("x-openmargo");
        return new Discovery(domain, MisClient.requireHttps(bundle, "trustBundleUri"),
                extension.flatMap(x -> x.string("wfmId")),
                extension.flatMap(x -> x.string("enrollUri")).map(text -> uri(from, text)));
    }

    private static URI uri(URI from, String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("discovery document " + from + " has an invalid URI: " + text, e);
        }
    }
}

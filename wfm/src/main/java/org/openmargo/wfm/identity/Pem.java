package org.openmargo.wfm.identity;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 7468 text encoding: the DER payloads of the blocks with one label. Stateless. */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {
    }

    /** The decoded payloads of every block labelled {@code label}, in file order; other blocks are skipped. */
    static List<byte[]> blocks(String text, String label) {
        List<byte[]> result = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(label)) {
                result.add(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return result;
    }

    /** The labels of every block, in file order. */
    static List<String> labels(String text) {
        List<String> result = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            result.add(matcher.group(1));
        }
        return result;
    }
}

package org.openmargo.wfm.console;

import java.io.StringWriter;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;

/**
 * The console's Mustache templates, read from {@code console/templates/} on the class path and compiled once each
 * (the factory caches them). Mustache escapes every {@code {{value}}} for HTML; the templates use no unescaped
 * {@code {{{value}}}}. Thread safe.
 */
final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("console/templates");

    /** Renders {@code name}.mustache with the model. */
    String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        factory.compile(name + ".mustache").execute(out, model);
        return out.toString();
    }
}

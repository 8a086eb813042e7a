package org.openmargo.wfm.store;

import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param url         JDBC URL; for H2 add {@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE}
 * @param user        user name
 * @param password    password, may be empty; never shown by {@link #toString()}
 * @param maxPoolSize largest number of pooled connections, at least 1
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize) {
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=***, maxPoolSize=" + maxPoolSize + "]";
    }
}

package dev.lockstep.trace;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * A database named by the user, as a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u&password=p})
 * or as the URL most tools use ({@code postgres://user:password@host:5432/db?sslmode=require}, also
 * {@code postgresql://}).
 *
 * @param jdbcUrl what the PostgreSQL JDBC driver is given
 * @param properties user and password taken out of a {@code postgres://} URL
 * @param display the URL without its password, for messages and reports
 */
public record DatabaseUrl(String jdbcUrl, Properties properties, String display) {

  public static DatabaseUrl parse(String url) {
    String u = url.trim();
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(u, new Properties(), u.replaceAll("(?i)([?&]password=)[^&]*", "$1***"));
    }
    if (!lower.startsWith("postgres://") && !lower.startsWith("postgresql://")) {
      throw new IllegalArgumentException("not a PostgreSQL URL: expected jdbc:postgresql://host:port/database or"
          + " postgres://user:password@host:port/database");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed database URL: " + e.getMessage(), e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("malformed database URL: no host");
    }
    Properties props = new Properties();
    String userInfo = uri.getRawUserInfo();
    String shownUser = "";
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      props.setProperty("user", user);
      if (colon >= 0) {
        props.setProperty("password", decode(userInfo.substring(colon + 1)));
      }
      shownUser = userInfo.substring(0, colon < 0 ? userInfo.length() : colon) + (colon < 0 ? "" : ":***") + "@";
    }
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String jdbc = "jdbc:postgresql://" + hostPart + ":" + port + path + query;
    String display = uri.getScheme() + "://" + shownUser + hostPart + ":" + port + path
        + query.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    return new DatabaseUrl(jdbc, props, display);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}

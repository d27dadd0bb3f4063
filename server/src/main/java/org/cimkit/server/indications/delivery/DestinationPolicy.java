package org.cimkit.server.indications.delivery;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimkit.model.CimException;
import org.cimkit.model.CimStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which listener URLs the server may send indications to. A Destination value is parsed as
 * {@code [scheme://]host[:port][/path]} (no scheme means http, no port 5988 for http and 5989 for
 * https) and its host is checked against address patterns: {@code *} (any host), a host name (exact,
 * case-insensitive, or {@code *.example.com}), an address or an address block ({@code 10.0.0.0/8},
 * {@code fe80::/10}); a pattern starting with {@code !} excludes. A host is allowed when some pattern
 * allows it and no exclusion matches it, by name or by any of its addresses. Checked when a destination
 * is created (CIM_ERR_INVALID_PARAMETER, nothing is connected to) and again before each connection.
 */
public final class DestinationPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationPolicy.class);

    private record Pattern(boolean exclude, String host, byte[] network, int prefix) {
    }

    private final List<Pattern> patterns;
    private final String text;

    public DestinationPolicy(List<String> patterns) {
        this.text = String.join(",", patterns);
        List<Pattern> out = new ArrayList<>();
        for (String raw : patterns) {
            String p = raw.strip();
            boolean exclude = p.startsWith("!");
            if (exclude) {
                p = p.substring(1).strip();
            }
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty destination pattern in " + text);
            }
            int slash = p.indexOf('/');
            if (slash > 0 || isAddress(p)) {
                String addr = slash > 0 ? p.substring(0, slash) : p;
                byte[] net = literal(addr);
                if (net == null) {
                    throw new IllegalArgumentException("destination pattern " + raw + " is not an address or address block");
                }
                int prefix = net.length * 8;
                if (slash > 0) {
                    try {
                        prefix = Integer.parseInt(p.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > net.length * 8) {
                        throw new IllegalArgumentException("destination pattern " + raw + " has a bad prefix length");
                    }
                }
                out.add(new Pattern(exclude, null, net, prefix));
            } else {
                out.add(new Pattern(exclude, p.toLowerCase(Locale.ROOT), null, 0));
            }
        }
        this.patterns = List.copyOf(out);
    }

    /**
     * The URL a Destination value names, if the policy allows its host; otherwise CIM_ERR_INVALID_PARAMETER
     * with a message naming the problem.
     */
    public URI check(String destination) {
        if (destination == null || destination.isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Destination must give the listener's URL");
        }
        String d = destination.strip();
        if (!d.contains("://")) {
            d = "http://" + d;
        }
        URI uri;
        try {
            uri = new URI(d);
        } catch (URISyntaxException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Destination " + destination + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Destination " + destination
                    + " must use http or https, not " + uri.getScheme());
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Destination " + destination
                    + " must be scheme://host[:port][/path]");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 5989 : 5988;
        if (port == 0 || port > 65535) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Destination " + destination + " has a bad port");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        URI checked = URI.create(scheme + "://" + uri.getRawAuthority().replaceFirst(":\\d+$", "") + ":" + port + path);
        requireAllowed(checked.getHost(), destination);
        return checked;
    }

    /**
     * Refuses a host the patterns do not allow (CIM_ERR_INVALID_PARAMETER); returns the addresses it was
     * checked with, so the caller connects to exactly those (a second name lookup could answer another
     * address: DNS rebinding).
     */
    public List<InetAddress> requireAllowed(String host, String destination) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = new ArrayList<>();
        byte[] lit = literal(h);
        try {
            if (lit != null) {
                addresses.add(InetAddress.getByAddress(h, lit));
            } else {
                addresses.addAll(List.of(InetAddress.getAllByName(h)));
            }
        } catch (UnknownHostException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "Destination " + destination + ": host " + h
                    + " is unknown");
        }
        boolean allowed = false;
        for (Pattern p : patterns) {
            boolean hit = p.host() != null ? nameMatches(p.host(), h)
                    : addresses.stream().anyMatch(a -> inBlock(p, a.getAddress()));
            if (hit && p.exclude()) {
                throw refused(destination, h);
            }
            allowed |= hit;
        }
        if (!allowed) {
            throw refused(destination, h);
        }
        return addresses;
    }

    /** The client learns that the host is refused, not the server's pattern list (the log has it). */
    private CimException refused(String destination, String host) {
        LOG.info("indication destination {} refused: host {} does not pass --indication-destinations {}", destination,
                host, text);
        return new CimException(CimStatus.INVALID_PARAMETER, "Destination " + destination + ": host " + host
                + " is not an allowed indication destination on this server");
    }

    private static boolean nameMatches(String pattern, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            return h.endsWith(pattern.substring(1));
        }
        return h.equals(pattern);
    }

    private static boolean inBlock(Pattern p, byte[] address) {
        if (address.length != p.network().length) {
            return false;
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE)
                .shiftRight(p.prefix()).not();
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, p.network()).and(mask));
    }

    private static boolean isAddress(String s) {
        return literal(s) != null;
    }

    /** The bytes of an IPv4 or IPv6 literal, without any name lookup; null for a host name. */
    private static byte[] literal(String s) {
        if (s.contains(":") || s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}

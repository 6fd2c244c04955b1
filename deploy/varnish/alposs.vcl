# Varnish in front of the AlpOSS app servers (Debian's varnish 7). It keeps what the site marks
# `Cache-Control: public` (anonymous reads of public pages and exports), passes everything else,
# and forgets a whole site when the site sends PURGE / after a published change.
# The app servers are listed in backends.vcl, next to this file.
vcl 4.1;

include "./backends.vcl";

# Who may purge: the app servers (they send PURGE after a change). Add their addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address"));
        }
        # A PURGE of /2026/ forgets every page under it on this host (the site purges "/").
        ban("obj.http.x-alposs-host == " + req.http.host +
            " && obj.http.x-alposs-url ~ ^" +
            regsuball(req.url, "([][.?*+^$(){}|\\])", "\\\1"));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|healthz)") {
        return (pass);
    }
    # The CSRF token is the only cookie an anonymous reader carries; any other (a session,
    # messages after a form) goes to the app servers, which never share those answers.
    if (req.http.Cookie) {
        set req.http.X-Other-Cookies = regsuball(req.http.Cookie, "(^|;\s*)csrftoken=[^;]*", "");
        if (req.http.X-Other-Cookies ~ "[^;\s]") {
            unset req.http.X-Other-Cookies;
            return (pass);
        }
        unset req.http.X-Other-Cookies;
    }
    # The language is in the path: one copy per URL, whatever the browser's languages.
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        # Forms, private links, the admin, anyone signed in: never kept.
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # The same for every anonymous reader (the site guarantees it): one copy, not one per cookie.
    unset beresp.http.Vary;
    # For bans that run in the background.
    set beresp.http.x-alposs-host = bereq.http.host;
    set beresp.http.x-alposs-url = bereq.url;
    # While one reader refreshes an expired page, others get the old one for a few seconds.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-alposs-host;
    unset resp.http.x-alposs-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

# The HTTP cache of the load benchmark (bench/load.py): Varnish's built-in rules, nothing more.
# It keeps what the site marks `public, s-maxage=...` (home/page_cache.py) and whitenoise's
# static files (`public, max-age=60`), passes any request with a cookie and any response that
# sets one. BACKEND_PORT is replaced by the script with gunicorn's port.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "BACKEND_PORT";
}

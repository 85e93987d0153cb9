#!/usr/bin/env bash
# Serves the built sample site with the nginx configuration in docs/nginx/ and
# checks it over HTTP (scripts/check-site-http.py): once at the root of a host,
# once built with --base-url …/news/ and served under /news/.
#
#   bash scripts/test-nginx.sh            # debug binary (built when needed)
#   bash scripts/test-nginx.sh --release  # release binary
#
# Installs Debian's nginx when it is missing. nginx runs in the foreground on
# loopback ports from a temporary prefix and is always stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

configuration=debug
[ "${1:-}" = "--release" ] && configuration=release

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  # nginx-light is the small build (Debian 12); later releases only have nginx.
  if [[ " ${missing[*]} " == *" nginx-light "* ]] && ! apt-cache show nginx-light >/dev/null 2>&1; then
    missing=("${missing[@]/nginx-light/nginx}")
  fi
  # Only the program is needed: keep the package from starting a system nginx
  # on port 80 (Debian's policy-rc.d mechanism), unless a policy is in place.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
  fi
  install_status=0
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || install_status=$?
  [ -n "$policy" ] && $sudo rm -f "$policy"
  [ "$install_status" -eq 0 ] || exit "$install_status"
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

swift build -c "$configuration" --product unionpress >/dev/null
unionpress="$(swift build -c "$configuration" --show-bin-path)/unionpress"

work=$(mktemp -d "${TMPDIR:-/tmp}/unionpress-nginx.XXXXXX")
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# nginx's workers run as nobody when started by root: they must read the site.
chmod 755 "$work"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
root_port=$(free_port)
news_port=$(free_port)
while [ "$news_port" = "$root_port" ]; do news_port=$(free_port); done

# The two sites, laid out as docs/publishing.md publishes them.
root_public="$work/www/news.example.org"
news_public="$work/www/example.org/news"
mkdir -p "$work/www/example.org"
root_build=("$unionpress" build --root "$repo" --output "$root_public" --quiet)
news_build=("$unionpress" build --root "$repo" --output "$news_public" --base-url "http://127.0.0.1:$news_port/news/" --quiet)
CI=true "${root_build[@]}"
CI=true "${news_build[@]}"
chmod -R a+rX "$work/www"

# The configuration of docs/nginx/, as a Debian server holds it; only the
# listen address and the folder differ.
conf="$work/conf"
mkdir -p "$conf/conf.d" "$conf/snippets" "$conf/sites" "$work/logs" "$work/temp"
cp /etc/nginx/mime.types "$conf/mime.types"
cp docs/nginx/unionpress-http.conf "$conf/conf.d/unionpress.conf"
cp docs/nginx/unionpress.conf "$conf/snippets/unionpress.conf"
site_conf() { # docs file, port, web root, output file
  sed -e "s|^    listen 80;|    listen 127.0.0.1:$2;|" -e '/listen \[::\]:80;/d' \
      -e "s|^    root /var/www/[^;]*;|    root $3;|" "docs/nginx/$1" > "$4"
  if ! grep -q "listen 127.0.0.1:$2;" "$4" || ! grep -q "root $3;" "$4"; then
    echo "docs/nginx/$1 no longer has the 'listen 80;' and 'root /var/www/…;' lines this test replaces" >&2
    exit 1
  fi
}
site_conf news.example.org.conf "$root_port" "$work/www/news.example.org" "$conf/sites/root.conf"
site_conf example.org-news.conf "$news_port" "$work/www/example.org" "$conf/sites/news.conf"
cat > "$conf/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 64; }
http {
    include mime.types;
    default_type application/octet-stream;
    access_log $work/logs/access.log;
    client_body_temp_path $work/temp/body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;
    sendfile on;
    include conf.d/*.conf;
    include sites/*.conf;
}
EOF

"$nginx" -t -q -p "$work/" -c "$conf/nginx.conf" -e "$work/logs/error.log"
"$nginx" -p "$work/" -c "$conf/nginx.conf" -e "$work/logs/error.log" -g 'daemon off;' &
nginx_pid=$!
listening=no
for _ in $(seq 100); do
  if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$news_port" 2>/dev/null; then
    listening=yes
    break
  fi
  kill -0 "$nginx_pid" 2>/dev/null || break
  sleep 0.1
done
if [ "$listening" != yes ]; then
  echo "nginx did not start listening on 127.0.0.1:$news_port" >&2
  cat "$work/logs/error.log" >&2
  exit 1
fi

status=0
python3 scripts/check-site-http.py \
  --site "$root_public" "http://127.0.0.1:$root_port/" \
  --site "$news_public" "http://127.0.0.1:$news_port/news/" \
  --rebuild "${root_build[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "nginx error log:" >&2
  tail -n 20 "$work/logs/error.log" >&2 || true
fi
exit "$status"

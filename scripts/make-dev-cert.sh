#!/usr/bin/env bash
# Makes a self-signed certificate for serving the fake over HTTPS on
# localhost / 127.0.0.1 / ::1:  scripts/make-dev-cert.sh [DIR]  (default certs/)
# writes DIR/dev-cert.pem and DIR/dev-key.pem, valid for 825 days.
set -euo pipefail
dir=${1:-certs}
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 \
  -keyout "$dir/dev-key.pem" -out "$dir/dev-cert.pem" \
  -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
  -addext "basicConstraints=critical,CA:true" 2>/dev/null
chmod 600 "$dir/dev-key.pem"
echo "$dir/dev-cert.pem"
echo "$dir/dev-key.pem"

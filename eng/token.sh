#!/usr/bin/env bash
# Prints an access token for a demo account of the running platform (eng/run.sh), signing in as a browser would:
# the authorization code flow with PKCE through the identity provider's pages, as the public "dev-tools" client
# (registered in Development only). For scripts and curl:
#   TOKEN=$(eng/token.sh gulou-staff); curl -s localhost:5080/membership/api/coverage -H "authorization: Bearer $TOKEN"
#   eng/token.sh city-admin --code 123456   # city admins give their authenticator app's current code
# Usage: eng/token.sh USER [--password P] [--code C] [--gateway URL]
# A city admin's first sign-in enrols the authenticator app: do it once in a browser at GATEWAY/identity/account/login.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && $1 != -* ]] || die "usage: $0 USER [--password P] [--code C] [--gateway URL]"
user=$1
shift
password=jiangzhou-demo-2026 # the demo accounts' password (README); Development only
code=''
gateway=http://localhost:5080
while [[ $# -gt 0 ]]; do
  case $1 in
    --password) password=$2; shift 2 ;;
    --code) code=$2; shift 2 ;;
    --gateway) gateway=${2%/}; shift 2 ;;
    *) die "unknown option: $1" ;;
  esac
done
command -v openssl >/dev/null || die "openssl is needed for the PKCE challenge"

base=$gateway/identity
redirect=http://localhost/dev-tools/callback
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
urlencode() { local LC_ALL=C s=$1 i c out=''; for ((i = 0; i < ${#s}; i++)); do c=${s:i:1}; case $c in [a-zA-Z0-9.~_-]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac; done; printf %s "$out"; }
verifier=$(head -c 32 /dev/urandom | b64url)
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | b64url)

# GET or POST with the cookie jar; prints the redirect target (empty for a page, whose body goes to $page).
page=$(mktemp)
trap 'rm -f "$jar" "$page"' EXIT
fetch() { curl -sS -c "$jar" -b "$jar" -o "$page" -w '%{redirect_url}' "$@"; }
# A hidden field's value, HTML entities decoded (perl-base is part of every Debian).
hidden() {
  grep -o "<input[^>]*name=\"$1\"[^>]*>" "$page" | head -n1 | sed -n 's/.*value="\([^"]*\)".*/\1/p' |
    perl -pe 's/&#x([0-9a-fA-F]+);/chr(hex($1))/ge; s/&#([0-9]+);/chr($1)/ge; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/&/g'
}

next=$(fetch "$base/connect/authorize?client_id=dev-tools&redirect_uri=$(urlencode "$redirect")&response_type=code&scope=openid%20roles%20offline_access&code_challenge=$challenge&code_challenge_method=S256")
for _ in 1 2 3 4 5 6 7 8; do
  case $next in
    "$redirect"*) break ;;
    '') die "the provider answered a page where a redirect was expected" ;;
  esac
  target=$next
  next=$(fetch "$target")
  [[ -z $next ]] || continue # a redirect (to the next step): follow it
  form=(--data-urlencode "__RequestVerificationToken=$(hidden __RequestVerificationToken)" --data-urlencode "ReturnUrl=$(hidden ReturnUrl)")
  if grep -q 'name="UserName"' "$page"; then
    next=$(fetch "$target" "${form[@]}" --data-urlencode "UserName=$user" --data-urlencode "Password=$password")
    [[ -n $next ]] || die "sign-in refused for $user (wrong password, disabled or locked out)"
  elif grep -q 'name="NewPassword"' "$page"; then
    die "$user must choose a new password first: sign in once in a browser at $base/account/login"
  elif grep -q 'data-authenticator-key' "$page"; then
    die "$user has no authenticator app yet: enrol it once in a browser at $base/account/login"
  elif grep -q 'name="Code"' "$page"; then
    [[ -n $code ]] || die "$user needs an authenticator code: add --code 123456"
    next=$(fetch "$target" "${form[@]}" --data-urlencode "Code=$code")
    [[ -n $next ]] || die "the authenticator code was refused"
  else
    die "an unexpected page at $target"
  fi
done
[[ $next == "$redirect"* ]] || die "no authorization code came back"
authorization_code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$next" | perl -pe 's/%([0-9A-Fa-f]{2})/chr(hex($1))/ge')
[[ -n $authorization_code ]] || die "the provider refused: ${next#*\?}"

answer=$(curl -sS "$base/connect/token" --data-urlencode grant_type=authorization_code --data-urlencode "code=$authorization_code" \
  --data-urlencode "redirect_uri=$redirect" --data-urlencode client_id=dev-tools --data-urlencode "code_verifier=$verifier")
token=$(grep -o '"access_token": *"[^"]*"' <<<"$answer" | sed 's/.*"\([^"]*\)"$/\1/' || true)
[[ -n $token ]] || die "the token endpoint refused: $answer"
printf '%s\n' "$token"

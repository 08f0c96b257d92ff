#!/usr/bin/env bash
# Publishes the Native AOT binary and checks it for real: --version, config check, start against a fake upstream,
# one chat request, one streamed request, clean exit on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

dotnet publish src/FlowRouter -c Release -r linux-x64 -o "$work/pub" -nologo -v q
bin="$work/pub/flowrouter"
test -x "$bin" || { echo "smoke: no native binary at $bin"; exit 1; }
file "$bin" 2>/dev/null | grep -q ELF || true
"$bin" --version

fixtures=../shared/fixtures/openai-chat
python3 .ci/fake_upstream.py "$fixtures" "$work/upstream.port" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/upstream.port" ] && break; sleep 0.05; done
up=$(cat "$work/upstream.port")

# A fake OpenID provider for the admin OIDC login (the handler's discovery, JWKS and id-token checks under AOT).
python3 .ci/fake_oidc.py "$work/oidc.port" smoke@example.com smoke-client smoke-oidc-secret-000000 &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/oidc.port" ] && break; sleep 0.05; done
op=$(cat "$work/oidc.port")

cat > "$work/config.yaml" <<YAML
server:
  oidc:
    authority: "http://127.0.0.1:$op"
    client_id: smoke-client
    client_secret: smoke-oidc-secret-000000
    allowed_emails: [smoke@example.com]
providers:
  - id: fake
    type: openai
    base_url: http://127.0.0.1:$up/v1
    api_keys: ["\${SMOKE_PROVIDER_KEY}"]
    models: [gpt-4o-mini]
keys:
  - name: smoke
    key: flr_smoke_test_key_0123456789
YAML
SMOKE_PROVIDER_KEY=sk-smoke-provider-key-000000 "$bin" config check --config "$work/config.yaml"

# The admin password through the CLI (argon2id in the AOT binary), before the first start.
admin_pw='smoke-admin-password-4242'
echo "$admin_pw" | "$bin" admin password --data-dir "$work/data" | grep -q 'argon2id m=19456,t=2,p=1' || { echo "smoke: admin password not set"; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SMOKE_PROVIDER_KEY=sk-smoke-provider-key-000000 "$bin" serve --config "$work/config.yaml" --data-dir "$work/data" --port "$port" > "$work/router.log" 2>&1 &
router=$!
pids+=($router)
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.05; done

auth="Authorization: Bearer flr_smoke_test_key_0123456789"
reply=$(curl -fsS "http://127.0.0.1:$port/v1/chat/completions" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}')
echo "$reply" | grep -q '"Hello! How can I assist you today?"' || { echo "smoke: unexpected chat reply: $reply"; cat "$work/router.log"; exit 1; }

stream=$(curl -fsSN "http://127.0.0.1:$port/v1/chat/completions" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}')
echo "$stream" | tail -n 2 | grep -q '^data: \[DONE\]' || { echo "smoke: stream did not end with [DONE]: $stream"; cat "$work/router.log"; exit 1; }
[ "$(echo "$stream" | grep -c '^data: ')" -ge 3 ] || { echo "smoke: too few stream events"; exit 1; }

# Anthropic Messages client → OpenAI upstream (translation both ways), and the token estimate (tokenizer data in AOT).
msg=$(curl -fsS "http://127.0.0.1:$port/v1/messages" -H "x-api-key: flr_smoke_test_key_0123456789" -H 'Content-Type: application/json' \
  -d '{"model":"fake/gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}')
echo "$msg" | grep -q '"type":"message"' && echo "$msg" | grep -q 'How can I assist you today' || { echo "smoke: unexpected messages reply: $msg"; cat "$work/router.log"; exit 1; }
count=$(curl -fsS "http://127.0.0.1:$port/v1/messages/count_tokens" -H "x-api-key: flr_smoke_test_key_0123456789" -H 'Content-Type: application/json' \
  -d '{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"The quick brown fox jumps over the lazy dog."}]}')
echo "$count" | grep -qE '"input_tokens":[1-9]' || { echo "smoke: unexpected count_tokens reply: $count"; cat "$work/router.log"; exit 1; }

# Responses client → OpenAI chat upstream (translation), stored, then read back by id (store + route in AOT).
resp=$(curl -fsS "http://127.0.0.1:$port/v1/responses" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"model":"fake/gpt-4o-mini","input":"hi"}')
echo "$resp" | grep -q '"object":"response"' && echo "$resp" | grep -q 'How can I assist you today' || { echo "smoke: unexpected responses reply: $resp"; cat "$work/router.log"; exit 1; }
resp_id=$(echo "$resp" | grep -oE '"id":"resp_[A-Za-z0-9]+"' | head -1 | cut -d'"' -f4)
stored=$(curl -fsS "http://127.0.0.1:$port/v1/responses/$resp_id" -H "$auth")
echo "$stored" | grep -q "$resp_id" || { echo "smoke: stored response $resp_id not returned: $stored"; cat "$work/router.log"; exit 1; }

status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' -d '{}')
[ "$status" = 401 ] || { echo "smoke: expected 401 without a client key, got $status"; exit 1; }

# The dashboard's files are embedded in the binary: the page, a module and its strict CSP.
page=$(curl -fsS -D "$work/dash.headers" "http://127.0.0.1:$port/")
echo "$page" | grep -q '/ui/app.js' || { echo "smoke: the dashboard page is missing: $page"; exit 1; }
grep -qi "content-security-policy: default-src 'none'" "$work/dash.headers" || { echo "smoke: the dashboard has no CSP"; exit 1; }
# (read whole, then searched: grep -q on curl's pipe would close it early and fail curl under pipefail)
app=$(curl -fsS "http://127.0.0.1:$port/ui/app.js")
grep -q 'loadSession' <<<"$app" || { echo "smoke: /ui/app.js is missing"; exit 1; }
playground=$(curl -fsS "http://127.0.0.1:$port/ui/pages/playground.js")
grep -q 'chat/completions' <<<"$playground" || { echo "smoke: /ui/pages/playground.js is missing"; exit 1; }
# Admin login: a password or an OIDC login is needed now, this machine included.
base="http://127.0.0.1:$port"
status=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/usage")
[ "$status" = 401 ] || { echo "smoke: expected 401 from the admin API without a login, got $status"; exit 1; }
login=$(curl -fsS -c "$work/jar" "$base/api/login" -H 'Content-Type: application/json' -d "{\"password\":\"$admin_pw\"}")
echo "$login" | grep -q '"csrf_token"' || { echo "smoke: unexpected login reply: $login"; cat "$work/router.log"; exit 1; }
grep -q 'flowrouter_session' "$work/jar" || { echo "smoke: no session cookie"; exit 1; }
curl -fsS -b "$work/jar" "$base/api/usage" >/dev/null || { echo "smoke: the session cookie did not open the admin API"; exit 1; }
authorize=$(curl -sS -c "$work/jar2" -b "$work/jar2" -o /dev/null -w '%{redirect_url}' "$base/api/login/oidc")
case "$authorize" in "http://127.0.0.1:$op/authorize?"*) ;; *) echo "smoke: OIDC start did not redirect to the provider: $authorize"; cat "$work/router.log"; exit 1;; esac
callback=$(curl -sS -o /dev/null -w '%{redirect_url}' "$authorize")
home=$(curl -sS -c "$work/jar2" -b "$work/jar2" -o /dev/null -w '%{http_code} %{redirect_url}' "$callback")
[ "$home" = "302 $base/" ] || { echo "smoke: OIDC callback answered '$home'"; cat "$work/router.log"; exit 1; }
curl -fsS -b "$work/jar2" "$base/api/usage" >/dev/null || { echo "smoke: the OIDC session did not open the admin API"; exit 1; }

kill -TERM "$router"
for _ in $(seq 1 100); do kill -0 "$router" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$router" 2>/dev/null; then echo "smoke: router did not exit on SIGTERM"; exit 1; fi
wait "$router" && code=0 || code=$?
[ "$code" = 0 ] || { echo "smoke: router exited with $code"; cat "$work/router.log"; exit 1; }
grep -q 'request id=' "$work/router.log" || { echo "smoke: no request log line"; cat "$work/router.log"; exit 1; }
if grep -q 'sk-smoke-provider-key-000000' "$work/router.log"; then echo "smoke: provider key leaked into the log"; exit 1; fi
if grep -q "$admin_pw" "$work/router.log"; then echo "smoke: admin password leaked into the log"; exit 1; fi
grep -q 'admin login method=Oidc' "$work/router.log" || { echo "smoke: no OIDC login log line"; cat "$work/router.log"; exit 1; }
echo "smoke: AOT binary OK (chat, stream, messages, count_tokens, responses + stored response, auth, admin password + OIDC login, dashboard assets, clean exit)"

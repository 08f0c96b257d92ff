"""A tiny OpenID Connect provider for the CI smoke test of the AOT binary, on 127.0.0.1, standard library only.

Discovery document, a JWKS with an RSA key generated at start (pure Python: Miller-Rabin primes, RS256 by
EMSA-PKCS1-v1_5), an authorize endpoint that signs in a fixed user at once and redirects back with a code, and a token
endpoint that checks the code, the PKCE verifier and the client secret, and answers a signed id token carrying the
nonce the client sent. Usage: fake_oidc.py PORT_FILE EMAIL CLIENT_ID CLIENT_SECRET
"""
import base64
import hashlib
import json
import os
import secrets
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT_FILE, EMAIL, CLIENT_ID, CLIENT_SECRET = sys.argv[1:5]
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def is_probable_prime(n: int) -> bool:
    if n % 2 == 0:
        return False
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(40):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(bits: int) -> int:
    small = [p for p in range(3, 2000, 2) if all(p % q for q in range(3, int(p ** 0.5) + 1, 2))]
    while True:
        candidate = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if all(candidate % p for p in small) and is_probable_prime(candidate):
            return candidate


E = 65537
while True:
    P, Q = prime(1024), prime(1024)
    PHI = (P - 1) * (Q - 1)
    if P != Q and PHI % E:
        break
N, D = P * Q, pow(E, -1, PHI)
KEY_BYTES = (N.bit_length() + 7) // 8
KID = secrets.token_hex(8)


def sign(message: bytes) -> bytes:
    t = SHA256_DIGEST_INFO + hashlib.sha256(message).digest()
    em = b"\x00\x01" + b"\xff" * (KEY_BYTES - len(t) - 3) + b"\x00" + t
    return pow(int.from_bytes(em, "big"), D, N).to_bytes(KEY_BYTES, "big")


GRANTS = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def issuer(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/.well-known/openid-configuration":
            iss = self.issuer()
            self.json(200, {"issuer": iss, "authorization_endpoint": iss + "/authorize", "token_endpoint": iss + "/token",
                            "jwks_uri": iss + "/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                            "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"]})
        elif url.path == "/jwks":
            n = b64url(N.to_bytes(KEY_BYTES, "big"))
            e = b64url(E.to_bytes(3, "big"))
            self.json(200, {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": KID, "n": n, "e": e}]})
        elif url.path == "/authorize" and query.get("client_id") == CLIENT_ID and query.get("code_challenge_method") == "S256":
            code = secrets.token_urlsafe(16)
            GRANTS[code] = (query["redirect_uri"], query["nonce"], query["code_challenge"])
            target = query["redirect_uri"] + "?" + urllib.parse.urlencode({"code": code, "state": query["state"]})
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.json(400, {"error": "invalid_request"})

    def do_POST(self):
        form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()))
        grant = GRANTS.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "").encode()
        if (self.path != "/token" or grant is None or form.get("redirect_uri") != grant[0] or form.get("client_secret") != CLIENT_SECRET
                or b64url(hashlib.sha256(verifier).digest()) != grant[2]):
            self.json(400, {"error": "invalid_grant"})
            return
        now = int(time.time())
        header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": KID}).encode())
        payload = b64url(json.dumps({"iss": self.issuer(), "aud": CLIENT_ID, "sub": "smoke-user", "email": EMAIL, "email_verified": True,
                                     "nonce": grant[1], "iat": now, "nbf": now, "exp": now + 300}).encode())
        signature = b64url(sign(f"{header}.{payload}".encode()))
        self.json(200, {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 300,
                        "id_token": f"{header}.{payload}.{signature}"})

    def json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
# Renamed into place: the port file appears only once the key exists and the socket listens.
os.replace(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()

"""A real OpenID Connect provider for the browser tests, built with authlib's JOSE and Flask, on loopback.

It does what Ivareta relies on a provider to do, and checks what a provider checks: discovery, published keys,
authorization code flow with PKCE (S256, required) and nonce (required), pushed authorization requests (PAR,
RFC 9126), client authentication by secret (HTTP Basic) or by a JWT signed with the client's key
(private_key_jwt, RFC 7523), codes usable once, RP-initiated logout. Two tenants share one server:
`/a` (secret, no PAR) and `/b` (private_key_jwt and PAR, as HelseID). The test tells it, through `/test/next`, who
signs in next and how the next ID token should be spoiled (forged signature, wrong audience, expired, wrong
nonce) — each of which Ivareta must refuse.

    python oidc_provider.py PORT CLIENT_PUBLIC_JWK_FILE
"""
import base64
import hashlib
import json
import secrets
import sys
import time
from urllib.parse import urlencode

from authlib.jose import JsonWebKey, jwt
from flask import Flask, abort, jsonify, redirect, request

PORT = int(sys.argv[1])
CLIENT_KEY = JsonWebKey.import_key(json.load(open(sys.argv[2])))
BASE = f"http://127.0.0.1:{PORT}"
SIGNING = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "provider-1"})
FORGER = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "provider-1"})
CLIENTS = {"a": {"ivareta-a": {"secret": "a-secret-not-logged"}}, "b": {"ivareta-b": {"key": CLIENT_KEY}}}
app = Flask(__name__)
codes, pushed, seen_assertions = {}, {}, set()
upcoming = {"claims": {}, "mode": "normal"}


def issuer(tenant):
    return f"{BASE}/{tenant}"


@app.get("/<tenant>/.well-known/openid-configuration")
def discovery(tenant):
    if tenant not in CLIENTS:
        abort(404)
    document = {
        "issuer": issuer(tenant), "authorization_endpoint": f"{issuer(tenant)}/authorize", "token_endpoint": f"{issuer(tenant)}/token",
        "jwks_uri": f"{issuer(tenant)}/jwks", "end_session_endpoint": f"{issuer(tenant)}/logout",
        "response_types_supported": ["code"], "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"] if tenant == "a" else ["private_key_jwt"],
    }
    if tenant == "b":
        document["pushed_authorization_request_endpoint"] = f"{issuer(tenant)}/par"
        document["require_pushed_authorization_requests"] = True
    return jsonify(document)


@app.get("/<tenant>/jwks")
def jwks(tenant):
    return jsonify({"keys": [SIGNING.as_dict(is_private=False)]})


def authenticate(tenant, form):
    """The client, authenticated as its tenant requires; anything else is refused."""
    if tenant == "a":
        auth = request.authorization
        client = CLIENTS["a"].get(auth.username if auth else None)
        if not client or auth.password != client["secret"]:
            abort(401)
        return auth.username
    if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
        abort(401)
    try:
        claims = jwt.decode(form.get("client_assertion", ""), CLIENT_KEY)
        claims.validate(now=int(time.time()), leeway=5)
    except Exception:
        abort(401)
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if claims["iss"] not in CLIENTS["b"] or claims["sub"] != claims["iss"] or claims.get("jti") in seen_assertions \
            or not set(audiences) & {issuer("b"), f"{issuer('b')}/token", f"{issuer('b')}/par"} or "exp" not in claims:
        abort(401)
    seen_assertions.add(claims["jti"])
    return claims["iss"]


@app.post("/<tenant>/par")
def par(tenant):
    client = authenticate(tenant, request.form)
    if request.form.get("client_id", client) != client:
        abort(400)
    uri = "urn:ietf:params:oauth:request_uri:" + secrets.token_urlsafe(16)
    pushed[uri] = {**request.form.to_dict(), "client_id": client, "tenant": tenant}
    return jsonify({"request_uri": uri, "expires_in": 60}), 201


@app.get("/<tenant>/authorize")
def authorize(tenant):
    params = request.args.to_dict()
    if "request_uri" in params:
        stored = pushed.pop(params["request_uri"], None)
        if not stored or stored["tenant"] != tenant or stored["client_id"] != params.get("client_id"):
            abort(400)
        params = stored
    elif tenant == "b":
        abort(400)  # PAR is required here
    if params.get("client_id") not in CLIENTS[tenant] or params.get("response_type") != "code" or not params.get("redirect_uri"):
        abort(400)
    if params.get("code_challenge_method") != "S256" or not params.get("code_challenge") or not params.get("nonce"):
        return redirect(params["redirect_uri"] + "?" + urlencode({"error": "invalid_request", "state": params.get("state", "")}))
    if upcoming["mode"] == "deny":
        return redirect(params["redirect_uri"] + "?" + urlencode({"error": "access_denied", "state": params.get("state", "")}))
    code = secrets.token_urlsafe(24)
    codes[code] = {**params, "tenant": tenant, "claims": dict(upcoming["claims"]), "mode": upcoming["mode"]}
    return redirect(params["redirect_uri"] + "?" + urlencode({"code": code, "state": params.get("state", "")}))


@app.post("/<tenant>/token")
def token(tenant):
    client = authenticate(tenant, request.form)
    grant = codes.pop(request.form.get("code", ""), None)  # once
    if not grant or grant["tenant"] != tenant or grant["client_id"] != client or grant["redirect_uri"] != request.form.get("redirect_uri"):
        return jsonify({"error": "invalid_grant"}), 400
    verifier = request.form.get("code_verifier", "")
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    if challenge != grant["code_challenge"]:
        return jsonify({"error": "invalid_grant"}), 400
    now = int(time.time())
    mode = grant["mode"]
    claims = {"iss": issuer(tenant), "sub": grant["claims"].get("sub", "someone"), "aud": "someone-else" if mode == "wrong_audience" else client,
              "iat": now - (7200 if mode == "expired" else 0), "exp": now + (-3600 if mode == "expired" else 300),
              "nonce": "not-the-nonce" if mode == "wrong_nonce" else grant["nonce"], **grant["claims"]}
    key = FORGER if mode == "forged" else SIGNING
    id_token = jwt.encode({"alg": "RS256", "kid": "provider-1"}, claims, key).decode()
    return jsonify({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 300, "id_token": id_token})


@app.get("/<tenant>/logout")
def logout(tenant):
    if request.args.get("client_id") not in CLIENTS[tenant]:
        abort(400)
    return redirect(request.args.get("post_logout_redirect_uri", BASE))


@app.post("/test/next")
def next_sign_in():
    upcoming.update(request.get_json())
    return jsonify(upcoming)


@app.get("/health")
def health():
    return "ok"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=PORT)

"""What only a real connection shows: bodies that arrive in pieces, and bodies announced larger than they are."""
import http.client
import re
import socket
import urllib.parse

from conftest import BASE_URL

HOST, PORT = urllib.parse.urlparse(BASE_URL).hostname, urllib.parse.urlparse(BASE_URL).port


def signed_in_cookies(username):
    conn = http.client.HTTPConnection(HOST, PORT)
    conn.request("GET", "/login")
    first = conn.getresponse()
    first.read()
    cookies = dict(c.split(";")[0].split("=", 1) for c in first.headers.get_all("Set-Cookie"))
    body = urllib.parse.urlencode({"_csrf": cookies["ivareta_csrf"], "username": username, "password": "demo-password"})
    conn.request("POST", "/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                       "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    answer = conn.getresponse()
    answer.read()
    assert answer.status == 303
    cookies.update(dict(c.split(";")[0].split("=", 1) for c in answer.headers.get_all("Set-Cookie")))
    conn.close()
    return cookies


def form_token(cookies, path):
    """The token a page's forms carry: bound to the session, so read from the page, not from a cookie."""
    conn = http.client.HTTPConnection(HOST, PORT)
    conn.request("GET", path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    page = conn.getresponse().read().decode()
    conn.close()
    return re.search(r'name="_csrf" value="([^"]*)"', page).group(1)


def test_a_long_form_arriving_in_pieces_is_read_whole():
    """A form is checked against its whole body, not the part of it that came in the first network read."""
    cookies = signed_in_cookies("supporter")
    body = urllib.parse.urlencode({"_csrf": form_token(cookies, "/settings/notifications"), "emailAddress": "kari@example.no",
                                   "quietStart": "", "quietEnd": "", "pad": "p" * 6000}).encode()
    head = (f"POST /settings/notifications HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nCookie: {'; '.join(f'{k}={v}' for k, v in cookies.items())}\r\nConnection: close\r\n\r\n")
    with socket.create_connection((HOST, PORT)) as sock:
        sock.sendall(head.encode() + body[:200])
        # The rest follows separately, as it does on a slow phone connection.
        sock.sendall(body[200:])
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    assert status == 200, answer[:400]
    assert b"kari@example.no" in answer


def test_a_body_announced_larger_than_allowed_is_refused_at_once():
    with socket.create_connection((HOST, PORT), timeout=10) as sock:
        sock.sendall(f"POST /api/v1/auth/token HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
                     f"Content-Length: 99999999999\r\n\r\n{{}}".encode())
        answer = sock.recv(65536)
    assert re.match(rb"HTTP/1\.1 413", answer), answer[:200]


def test_a_form_too_long_for_the_server_says_so_in_the_readers_language():
    """The refusal is about what was sent, not a fault on our side, and nothing is saved."""
    cookies = signed_in_cookies("supporter")
    body = urllib.parse.urlencode({"_csrf": form_token(cookies, "/settings/notifications"), "emailAddress": "too-long@example.no",
                                   "quietStart": "", "quietEnd": "", "pad": "p" * 100_000})
    conn = http.client.HTTPConnection(HOST, PORT, timeout=10)
    conn.request("POST", "/settings/notifications", body=body,
                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "nb",
                          "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    answer = conn.getresponse()
    page = answer.read().decode()
    assert answer.status == 413
    assert "lengre enn Ivareta tar imot" in page
    assert "hos oss" not in page
    conn.close()
    # The server may close a connection whose body it did not read; ask again on a new one.
    again = http.client.HTTPConnection(HOST, PORT, timeout=10)
    again.request("GET", "/settings/notifications", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    assert "too-long@example.no" not in again.getresponse().read().decode()
    again.close()


def test_a_silent_connection_is_closed_and_others_are_still_served():
    """The attack's finding: silent connections were never closed, and enough of them took /health off the air.
    The test server closes a connection idle for 10 seconds."""
    import time
    silent = [socket.create_connection((HOST, PORT)) for _ in range(20)]
    started = time.monotonic()
    try:
        for sock in silent:
            sock.settimeout(30)
        assert all(sock.recv(1) == b"" for sock in silent), "the server closes them"
        assert time.monotonic() - started < 25
    finally:
        for sock in silent:
            sock.close()
    conn = http.client.HTTPConnection(HOST, PORT, timeout=5)
    conn.request("GET", "/health")
    assert conn.getresponse().status == 200

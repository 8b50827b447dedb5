"""Where a request comes from, described coarsely: browser family and network, no more."""

import hashlib
import ipaddress

from django.http import HttpRequest

_BROWSERS = [
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def describe_browser(user_agent: str) -> str:
    """'Firefox on Linux' from a User-Agent header; never the full header."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or "?"


def approximate_place(ip: str | None) -> str:
    """The network of an address (/24 in IPv4, /48 in IPv6), not the address itself."""
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def browser_fingerprint(request: HttpRequest) -> str:
    """A hash of the browser's description: the same browser gives the same value."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return hashlib.sha256(describe_browser(user_agent).encode()).hexdigest()

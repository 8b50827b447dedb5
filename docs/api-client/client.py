"""Example client of the CitizenPass API (Python 3.11+, ``requests``).

    CITIZENPASS_URL=http://127.0.0.1:8000 CITIZENPASS_TOKEN=cp_demo_eau_… python client.py

Pushes a month of meter readings in batches of at most 50,000 records with an
``Idempotency-Key`` (safe to retry), waits on 429 as ``Retry-After`` says, prints every
bad line of a rejected batch, and shows how to verify a webhook's signature.
"""

import hashlib
import hmac
import json
import os
import time
import uuid

import requests

BATCH = 50_000


class CitizenPass:
    def __init__(self, url: str, token: str):
        self.api = url.rstrip("/") + "/api/v1"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def _call(self, method: str, path: str, **kwargs) -> requests.Response:
        for _attempt in range(5):
            response = self.session.request(
                method, self.api + path, timeout=(5, 300), **kwargs
            )
            if response.status_code == 429:
                time.sleep(int(response.headers.get("Retry-After", "1")))
                continue
            return response
        return response

    def sources(self) -> list[dict]:
        response = self._call("GET", "/sources")
        response.raise_for_status()
        return response.json()

    def push(self, source: str, records: list[dict]) -> list[dict]:
        """Push records in batches; one answer per batch. Retries reuse the key."""
        answers = []
        for start in range(0, len(records), BATCH):
            body = "\n".join(json.dumps(r) for r in records[start : start + BATCH])
            key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{source}:{body}"))
            response = self._call(
                "POST",
                f"/sources/{source}/records",
                data=body.encode(),
                headers={
                    "Content-Type": "application/x-ndjson",
                    "Idempotency-Key": key,
                },
            )
            if response.status_code == 422:
                problem = response.json()
                print(problem["title"], "-", problem.get("detail", ""))
                for error in problem.get("errors", []):
                    print(f"  line {error['line']} {error['field']}: {error['reason']}")
            response.raise_for_status()
            answers.append(response.json())
        return answers

    def pairing_code(self, identifier: str) -> str:
        response = self._call("POST", "/pairing-codes", json={"resident": identifier})
        response.raise_for_status()
        return response.json()["code"]


def verify_signature(secret: str, body: bytes, header: str, tolerance: int = 300):
    """Check ``CitizenPass-Signature: t=…,v1=…`` of a webhook you received."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts["t"])
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def main() -> None:
    client = CitizenPass(
        os.environ.get("CITIZENPASS_URL", "http://127.0.0.1:8000"),
        os.environ["CITIZENPASS_TOKEN"],
    )
    source = os.environ.get("CITIZENPASS_SOURCE", "eau-du-grand-lyon-meter")
    print("Sources:", [item["slug"] for item in client.sources()])
    readings = [
        {
            "external_id": f"EGL-{contract:06d}-2026-11",
            "resident": f"EGL-{contract:06d}",
            "kind": "meter_reading",
            "occurred_on": "2026-11-30",
            "title": "Relevé de compteur d'eau",
            "value": 8 + contract % 5,
            "payload": {"meter": f"EGL-88-{contract:04d}", "index": 500.0 + contract},
        }
        for contract in range(1000, 1200)
    ]
    print("Pushed:", client.push(source, readings))
    print("Pairing code for EGL-001000:", client.pairing_code("EGL-001000"))


if __name__ == "__main__":
    main()

#!/bin/sh
# The example client with curl: push two readings, issue a pairing code, read one back.
set -eu
URL="${CITIZENPASS_URL:-http://127.0.0.1:8000}/api/v1"
AUTH="Authorization: Bearer ${CITIZENPASS_TOKEN:?set CITIZENPASS_TOKEN}"
SOURCE="${CITIZENPASS_SOURCE:-eau-du-grand-lyon-meter}"

echo "# My data sources"
curl -sS -H "$AUTH" "$URL/sources" | head -c 400; echo

echo "# Bulk push (NDJSON), safe to retry thanks to the Idempotency-Key"
printf '%s\n' \
  '{"external_id":"EGL-000789-2026-10","resident":"EGL-000789","kind":"meter_reading","occurred_on":"2026-10-31","title":"Relevé","value":8.5,"payload":{"meter":"EGL-88-0789","index":640.5}}' \
  '{"external_id":"EGL-000789-2026-11","resident":"EGL-000789","kind":"meter_reading","occurred_on":"2026-11-30","title":"Relevé","value":9,"payload":{"meter":"EGL-88-0789","index":649.5}}' \
| curl -sS -H "$AUTH" -H "Content-Type: application/x-ndjson" \
    -H "Idempotency-Key: curl-example-2026-11" \
    --data-binary @- "$URL/sources/$SOURCE/records"; echo

echo "# A bad line: the whole batch is refused, with the line, field and reason"
echo '{"external_id":"X","resident":"EGL-000789","kind":"meter_reading","occurred_on":"31/10/2026","title":"Relevé"}' \
| curl -sS -H "$AUTH" -H "Content-Type: application/x-ndjson" \
    --data-binary @- "$URL/sources/$SOURCE/records"; echo

echo "# A one-time pairing code to print on the resident's next bill"
curl -sS -H "$AUTH" -H "Content-Type: application/json" \
  -d '{"resident":"EGL-000789"}' "$URL/pairing-codes"; echo

echo "# One record back"
curl -sS -H "$AUTH" "$URL/sources/$SOURCE/records/EGL-000789-2026-11"; echo

#!/usr/bin/python3
"""Stripe webhook-signature vectors from an independent implementation: stripe-python (Debian's
python3-stripe). Used by test_stripe_signature; run with /usr/bin/python3 (a pyenv python may not
see Debian's packages).

    stripe_vectors.py sign   CASES.json   → a JSON list of Stripe-Signature headers, one per case
        case: {"payload": str, "timestamp": int, "v1_secrets": [str], "v0_secrets": [str]}
        (each secret contributes one v1=/v0= item, in order, computed by stripe-python)
    stripe_vectors.py verify CASES.json   → a JSON list of booleans, one per case
        case: {"payload": str, "header": str, "secret": str, "tolerance": int}
        (true when stripe.Webhook.construct_event accepts the event)
"""
import json
import sys

from stripe import error
from stripe.webhook import Webhook, WebhookSignature


def sign(cases):
    out = []
    for case in cases:
        timestamp = case["timestamp"]
        signed_payload = "%d.%s" % (timestamp, case["payload"])
        items = ["t=%d" % timestamp]
        for secret in case.get("v1_secrets", []):
            items.append("v1=" + WebhookSignature._compute_signature(signed_payload, secret))
        for secret in case.get("v0_secrets", []):
            items.append("v0=" + WebhookSignature._compute_signature(signed_payload, secret))
        out.append(",".join(items))
    return out


def verify(cases):
    out = []
    for case in cases:
        try:
            Webhook.construct_event(case["payload"], case["header"], case["secret"], tolerance=case.get("tolerance", 300))
            out.append(True)
        except (error.SignatureVerificationError, ValueError):
            out.append(False)
    return out


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    result = sign(cases) if mode == "sign" else verify(cases)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

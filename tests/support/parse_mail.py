"""Parses one message with Python's email package (policy "default", RFC 5322/MIME aware) and
prints what the tests check as JSON: an independent reading of what practicum-server wrote.

    /usr/bin/python3 parse_mail.py FILE
"""

import email
import email.policy
import json
import sys

raw = open(sys.argv[1], "rb").read()
message = email.message_from_bytes(raw, policy=email.policy.default)
legacy = email.message_from_bytes(raw, policy=email.policy.compat32)

defects = [type(d).__name__ for d in message.defects]
for name in ("Subject", "From", "To", "Date", "Message-ID"):
    header = message[name]
    if header is not None:
        defects += [type(d).__name__ for d in header.defects]

parts = []
for part in message.walk():
    defects += [type(d).__name__ for d in part.defects]
    if part.is_multipart():
        continue
    parts.append({
        "content_type": part.get_content_type(),
        "charset": part.get_content_charset(),
        "transfer_encoding": part.get("Content-Transfer-Encoding"),
        # Decoded; the CRLF line ends of the wire become "\n".
        "content": part.get_content().replace("\r\n", "\n"),
    })

to = message["To"]
date = message["Date"]
out = {
    "subject": str(message["Subject"]),
    "raw_subject": str(legacy["Subject"]),
    "from": str(message["From"]),
    "to_address": to.addresses[0].addr_spec if to and to.addresses else None,
    "to_name": to.addresses[0].display_name if to and to.addresses else None,
    "message_id": str(message["Message-ID"]),
    "date": str(date),
    "date_parsed": date is not None and date.datetime is not None,
    "mime_version": str(message["MIME-Version"]),
    "content_type": message.get_content_type(),
    "parts": parts,
    "defects": defects,
}
json.dump(out, sys.stdout)

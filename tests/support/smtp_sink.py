"""A loopback SMTP sink for the tests, run by tests/support/smtp_server.cpp as

    /usr/bin/python3 -m aiosmtpd -n -c smtp_sink.RawSink -l 127.0.0.1:PORT FOLDER

(PYTHONPATH naming this folder). Each message received is stored as FOLDER/<pid>-<n>.json:
{"mail_from": ..., "rcpt_tos": [...], "data": base64 of the bytes as received}, written to a
temporary file first and renamed, so a reader never sees half a message. The bytes are kept as
they came (aiosmtpd's Mailbox handler would re-serialise them through the email package).
"""

import base64
import itertools
import json
import os


class RawSink:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.counter = itertools.count(1)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("RawSink takes one argument: the folder to store messages in")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": base64.b64encode(envelope.original_content).decode("ascii"),
        }
        name = "%d-%06d" % (os.getpid(), next(self.counter))
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        with open(temporary, "w") as f:
            json.dump(record, f)
        os.rename(temporary, os.path.join(self.folder, name + ".json"))
        return "250 OK"

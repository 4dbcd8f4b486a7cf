#!/usr/bin/python3
"""A real SMTP server for the tests (aiosmtpd from Debian's python3-aiosmtpd).

Usage: smtp_sink.py PORT MAILDIR [accept|refuse|slow]
Listens on 127.0.0.1:PORT and writes each accepted message to MAILDIR/<n>.eml (written to
a temporary name first, then renamed, so a reader never sees half a message). Prints
"ready" once it accepts connections; runs until killed. "refuse" answers every recipient
with 550; "slow" takes 20 seconds over each message before accepting it.
"""
import asyncio
import os
import sys
import time

from aiosmtpd.controller import Controller


class WriteToFolder:
    def __init__(self, folder, mode):
        self.folder = folder
        self.mode = mode
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse":
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "slow":
            await asyncio.sleep(20)
        self.count += 1
        path = os.path.join(self.folder, "%04d.eml" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) > 3 else "accept"
    os.makedirs(folder, exist_ok=True)
    controller = Controller(WriteToFolder(folder, mode), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()

"""A client of Pagefind's indexing service (`pagefind --service`), the process its own Python and Node
wrappers drive: requests and answers are base64-encoded JSON, each followed by a comma, one answer per
request, in order. One process holds one index. Requests are written as they come and the answers read
only at the end (the service queues them), so Pagefind indexes while the caller prepares the next page,
and several services (one per language) index side by side.

We speak the protocol ourselves: the `pagefind` package's asyncio client waits 0.1 s before reading each
answer (minutes for thousands of pages) and caps an answer at 2 MiB (a whole bundle is bigger)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping

from noks.errors import NoksError, Problem

HINT = 'pip install "pagefind[bin]"'
# Pagefind's allocator (jemalloc) backs its memory with huge pages (2 MiB) where the system allows them on
# request (`madvise`): the same work with about 20 times fewer page faults (unless set otherwise already)
ALLOCATOR = ("_RJEM_MALLOC_CONF", "thp:always,metadata_thp:always")


class Service:
    """One `pagefind --service` process with one index of pages in `language` (an ISO 639-1 code)."""

    def __init__(self, name: str, language: str) -> None:
        self.name, self.language, self.sent, self.pages = name, language, 0, 0
        self.log = tempfile.TemporaryFile()
        try:
            from pagefind.service import get_executable

            binary = get_executable()
        except ImportError:
            binary = None
        if binary is None:
            raise NoksError(Problem("cannot find the Pagefind program", hint=HINT))
        try:
            self.process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.log,
                env=_environment(os.environ),
            )
        except OSError as exc:
            raise NoksError(Problem(f"cannot run Pagefind: {exc}", hint=HINT)) from exc
        self.send({"type": "NewIndex", "config": {"force_language": language}})

    def add(self, url: str, content: str, title: str) -> None:
        """Add a page: its URL (as search results give it), its text and its title."""
        meta = {"title": title}
        self.send({"type": "AddRecord", "index_id": 0, "url": url, "content": content, "language": self.language,
                   "meta": meta, "filters": None, "sort": None})  # fmt: skip
        self.pages += 1

    def request_files(self) -> None:
        """Ask for the bundle (Pagefind builds it now, while other services build theirs)."""
        self.send({"type": "GetFiles", "index_id": 0})
        self.process.stdin.flush()

    def files(self) -> dict[str, bytes]:
        """The bundle, {path in the bundle: bytes}, once every answer is in; fails on the first error."""
        last = b"{}"
        for answer in self.answers():
            last = base64.b64decode(answer)
            if b'"Error"' in last:  # only an error, or the bundle, is worth parsing
                error = json.loads(last)["payload"]
                if error.get("type") == "Error":
                    raise self.failure(error.get("message", "error"))
        files = json.loads(last).get("payload", {}).get("files", [])
        return {item["path"]: base64.b64decode(item["content"]) for item in files}

    def send(self, payload: Mapping[str, object]) -> None:
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}, ensure_ascii=False).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
        except OSError as exc:
            raise self.failure(f"it stopped ({exc})") from exc

    def answers(self) -> Iterator[bytes]:
        count, pending = 0, bytearray()
        while count < self.sent:
            chunk = self.process.stdout.read1(1 << 20)
            if not chunk:
                raise self.failure(f"it ended after {count} of {self.sent} answers")
            if b"," not in chunk:
                pending += chunk
                continue
            *done, rest = chunk.split(b",")
            done[0] = bytes(pending) + done[0]
            pending = bytearray(rest)
            count += len(done)
            yield from done

    def failure(self, message: str) -> NoksError:
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        detail = f" ({lines[-1]})" if lines else ""
        return NoksError(Problem(f"Pagefind failed on the {self.name} pages: {message}{detail}", hint=HINT))

    def stop(self) -> None:
        """End the service (it exits when its input closes)."""
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment Pagefind runs in: this one, with its allocator's setting unless one is given."""
    name, value = ALLOCATOR
    return {**environ, name: environ.get(name) or value}

"""A small TCP proxy whose link can be cut and restored, to take a database away from the app.

``cut()`` closes every live connection and stops listening, so new connections are refused at
once (as when the database host is down); ``restore()`` listens again on the same port.
``latency`` adds a delay to every round trip (a distant database, for the benchmarks).
Threads only: one accept loop, two pump threads per connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class TcpProxy:
    """Forward ``127.0.0.1:<port>`` to ``target``, with a switch."""

    def __init__(self, target: tuple[str, int], port: int = 0, latency: float = 0.0) -> None:
        """Prepare the proxy (``start`` listens).

        Args:
            target: Where connections go, e.g. ``("127.0.0.1", 5432)``.
            port: Port to listen on; 0 picks a free one (kept across cuts).
            latency: Seconds added to each round trip: what the client sends waits that long
                before going on (a request/response protocol such as PostgreSQL's).
        """
        self.target = target
        self.port = port
        self.latency = latency
        self.accepted = 0
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> TcpProxy:
        """Listen and start forwarding.

        Returns:
            self.
        """
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    restore = start

    @property
    def is_cut(self) -> bool:
        """True while connections are refused."""
        return self._listener is None

    def cut(self) -> None:
        """Refuse new connections and close the live ones."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            live, self._sockets = self._sockets, set()
        for sock in live:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    stop = cut

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:  # cut meanwhile
                    client.close()
                    upstream.close()
                    return
                self._sockets.update((client, upstream))
                self.accepted += 1
            for source, sink, delay in ((client, upstream, self.latency), (upstream, client, 0)):
                threading.Thread(target=self._pump, args=(source, sink, delay), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, delay: float = 0.0) -> None:
        try:
            while chunk := source.recv(65536):
                if delay:
                    time.sleep(delay)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            with self._lock:
                self._sockets.discard(source)
                self._sockets.discard(sink)

"""A minimal HTTP proxy for tests: tunnels CONNECT requests and forwards plain requests
(absolute-form URIs), and counts both, so a test can prove a client used the proxy.

Usage: connect_proxy.py LOG PORTFILE. Binds 127.0.0.1:0 and writes the port to PORTFILE;
every request it handles is appended to LOG ("CONNECT host:port" or "GET http://...", with
" with Proxy-Authorization" when the client sent Basic credentials).
"""
import os
import signal
import socket
import sys
import threading

# Started from a Dispatch thread, we inherit its blocked signals (and a runner may have
# ignored some); the test stops us with SIGTERM, so take the defaults back.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
signal.signal(signal.SIGTERM, signal.SIG_DFL)
signal.signal(signal.SIGINT, signal.SIG_DFL)

LOG = sys.argv[1]
PORT_FILE = sys.argv[2]


def pipe(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def record(line):
    with open(LOG, "a") as log:
        log.write(line + "\n")


def handle(client):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = client.recv(65536)
        if not chunk:
            client.close()
            return
        head += chunk
    request_line = head.split(b"\r\n", 1)[0].decode()
    method, target, _ = request_line.split(" ", 2)
    authorized = b"\r\nproxy-authorization: basic " in head.lower()
    record(f"{method} {target}" + (" with Proxy-Authorization" if authorized else ""))
    if method == "CONNECT":
        host, port = target.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        rest = head.split(b"\r\n\r\n", 1)[1]
        if rest:
            upstream.sendall(rest)
    else:
        without_scheme = target.split("://", 1)[1]
        hostport, _, path = without_scheme.partition("/")
        host, _, port = hostport.partition(":")
        upstream = socket.create_connection((host, int(port or 80)))
        upstream.sendall(head.replace(target.encode(), b"/" + path.encode(), 1))
    threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()


def main():
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    with open(PORT_FILE + ".tmp", "w") as port_file:
        port_file.write(str(server.getsockname()[1]))
    os.rename(PORT_FILE + ".tmp", PORT_FILE)
    while True:
        client, _ = server.accept()
        threading.Thread(target=handle, args=(client,), daemon=True).start()


main()

#!/usr/bin/env python3
"""A TCP proxy for the drills: forwards LISTEN_PORT to TARGET_PORT on 127.0.0.1.
SIGUSR1: black hole (connections stay open, new ones are accepted, no byte gets through).
SIGUSR2: restore (connections that lost bytes are closed; new ones are forwarded again)."""
import signal, socket, sys, threading

listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
state = {"black": False}
lock = threading.Lock()
conns = set()

def close_all():
    with lock:
        for s in list(conns):
            try:
                s.close()
            except OSError:
                pass
        conns.clear()

def on_black(*_):
    state["black"] = True

def on_restore(*_):
    if state["black"]:
        state["black"] = False
        close_all()

def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if not state["black"]:
                dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.close()
            except OSError:
                pass
        with lock:
            conns.discard(src)
            conns.discard(dst)

def serve(client):
    try:
        server = socket.create_connection(("127.0.0.1", target_port), timeout=5)
        server.settimeout(None)
    except OSError:
        client.close()
        return
    with lock:
        conns.update((client, server))
    threading.Thread(target=pump, args=(client, server), daemon=True).start()
    threading.Thread(target=pump, args=(server, client), daemon=True).start()

signal.signal(signal.SIGUSR1, on_black)
signal.signal(signal.SIGUSR2, on_restore)
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", listen_port))
listener.listen(512)
while True:
    client, _ = listener.accept()
    serve(client)

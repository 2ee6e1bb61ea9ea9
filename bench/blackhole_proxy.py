#!/usr/bin/env python3
"""A TCP proxy for the drills: forwards LISTEN_PORT to TARGET_PORT on 127.0.0.1.
SIGUSR1: black hole: connections stay open and new ones are accepted, but no byte gets through
either way, as when a network path drops every packet (nothing is refused, nothing answers).
SIGUSR2: restore: as when the path heals, the bytes held back are delivered and the streams go on."""
import signal, socket, sys, threading, time

listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
state = {"black": False}
lock = threading.Lock()
conns = set()

def on_black(*_):
    state["black"] = True

def on_restore(*_):
    state["black"] = False

def hold():
    while state["black"]:
        time.sleep(0.02)

def pump(src, dst):
    try:
        while True:
            hold()
            data = src.recv(65536)
            if not data:
                break
            hold()
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

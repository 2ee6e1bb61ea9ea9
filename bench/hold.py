#!/usr/bin/env python3
"""Holds N HTTP/1.1 requests open at once on loopback: opens N connections (at most OPENING
connects at a time), sends one GET on each, and prints `sent <n>` once every request is out; then
waits for every answer and prints one JSON line: {"sent", "statuses": {code: count}, "errors"}.

    python3 bench/hold.py 127.0.0.1 8081 '/api/fanout?calls=1&latencyMs=10000&mode=sequential' 4000
"""
import asyncio, json, sys
from collections import Counter

host, port, path, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
OPENING = int(sys.argv[5]) if len(sys.argv) > 5 else 200


async def one(opening, sent, statuses, errors):
    try:
        async with opening:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
        sent.append(1)
        if len(sent) == n:
            print(f"sent {n}", flush=True)
        line = await asyncio.wait_for(reader.readline(), 120)
        statuses[line.split()[1].decode() if len(line.split()) > 1 else "none"] += 1
        writer.close()
    except Exception as ex:  # counted, not raised: one refused connect must not end the batch
        errors[type(ex).__name__] += 1
        sent.append(0)
        if len(sent) == n:
            print(f"sent {n}", flush=True)


async def main():
    opening, sent, statuses, errors = asyncio.Semaphore(OPENING), [], Counter(), Counter()
    await asyncio.gather(*(one(opening, sent, statuses, errors) for _ in range(n)))
    print(json.dumps({"sent": sum(sent), "statuses": statuses, "errors": errors}), flush=True)


asyncio.run(main())

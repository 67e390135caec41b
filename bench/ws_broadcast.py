"""Baseline (a) of the chat benchmark: a bare ``websockets`` broadcast server.

Every text frame a client sends goes, unchanged, to every connected client
(the sender included) through ``websockets.broadcast``: no parsing, no
authentication, no storage, no channel layer. It is the floor for what one
Python process on this machine can fan out; run it as

    python -m bench.ws_broadcast PORT
"""

import asyncio
import sys

from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed

CONNECTIONS: set = set()


async def handler(websocket) -> None:
    CONNECTIONS.add(websocket)
    try:
        async for frame in websocket:
            broadcast(CONNECTIONS, frame)
    except ConnectionClosed:
        pass  # the load generator drops its sockets without a closing handshake
    finally:
        CONNECTIONS.discard(websocket)


async def main(port: int) -> None:
    # No permessage-deflate: Daphne does not negotiate it for (b) and (c) either.
    async with serve(
        handler, "127.0.0.1", port, compression=None, ping_interval=None, max_size=2**20
    ) as server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))

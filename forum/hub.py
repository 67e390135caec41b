"""One subscription per server process and room, fanned out to local sockets.

The plain Channels pattern adds every connection to the room's group, so one
message becomes one channel-layer message per listener. Here each process
joins the group once, with one channel of its own, and hands the already
serialised text to its local sockets: the channel layer carries one message per
process, whatever the number of listeners.
"""

import asyncio
import logging
import time
import weakref
from collections import defaultdict

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from forum.events import group_event, group_name

logger = logging.getLogger(__name__)

GROUP_REFRESH_SECONDS = 30 * 60  # channel layers forget group members after a day
PRESENCE_REFRESH_SECONDS = 60
# Presence is announced at most this often per room and process: a burst of
# N connections (a class starting, a server restarting) costs one
# announcement, not N announcements of N names to N listeners.
PRESENCE_DEBOUNCE_SECONDS = 0.25


class RoomHub:
    def __init__(self):
        self.layer = get_channel_layer()
        self.channel: str | None = None
        self.rooms: dict[int, set] = defaultdict(set)
        self.lock = asyncio.Lock()
        self.reader: asyncio.Task | None = None
        self.housekeeper: asyncio.Task | None = None
        self.presence_due: dict[int, asyncio.Task] = {}
        self.groups_refreshed = time.monotonic()

    async def _start(self):
        # The default prefix matters: channels_redis reads every process-local
        # channel of one prefix through one Redis list, and a second prefix
        # would never be read while consumers hold the receive lock.
        self.channel = await self.layer.new_channel()
        loop = asyncio.get_running_loop()
        self.reader = loop.create_task(self._read())
        self.housekeeper = loop.create_task(self._housekeep())

    async def join(self, room_id: int, consumer) -> None:
        async with self.lock:
            if self.channel is None:
                await self._start()
            first = not self.rooms[room_id]
            self.rooms[room_id].add(consumer)
            if first:
                await self.layer.group_add(group_name(room_id), self.channel)

    async def leave(self, room_id: int, consumer) -> None:
        async with self.lock:
            members = self.rooms.get(room_id)
            if not members:
                return
            members.discard(consumer)
            if not members:
                del self.rooms[room_id]
                await self.layer.group_discard(group_name(room_id), self.channel)

    def presence_changed(self, room_id: int) -> None:
        """Someone came or went: announce who is here, soon, once for the burst."""
        if room_id not in self.presence_due:
            self.presence_due[room_id] = asyncio.get_running_loop().create_task(
                self._announce_presence(room_id)
            )

    async def _announce_presence(self, room_id: int) -> None:
        from forum.services import presence_payload

        me = asyncio.current_task()

        def forget():
            # Only this task's entry: a newer one may have taken the room's slot.
            if self.presence_due.get(room_id) is me:
                del self.presence_due[room_id]

        try:
            await asyncio.sleep(PRESENCE_DEBOUNCE_SECONDS)
            # From here on, a new arrival schedules a new announcement.
            forget()
            payload = await database_sync_to_async(presence_payload)(room_id=room_id)
            await self.layer.group_send(group_name(room_id), group_event(room_id, payload))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("chat hub could not announce presence")
        finally:
            forget()

    async def _read(self):
        # Never time the receive out: cancelling a channel-layer receive can
        # drop the message it was reading.
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("chat hub could not receive; retrying")
                await asyncio.sleep(1)
                continue
            await self._deliver(message)

    async def _deliver(self, message: dict) -> None:
        text, origin = message.get("text"), message.get("origin")
        for consumer in list(self.rooms.get(message.get("room"), ())):
            if origin and consumer.channel_name == origin:
                continue
            try:
                await consumer.send(text_data=text)
            except Exception:  # a socket that closed meanwhile
                logger.debug("chat hub could not deliver to %s", consumer.channel_name)

    async def _housekeep(self):
        while True:
            await asyncio.sleep(PRESENCE_REFRESH_SECONDS)
            await self._housekeeping()

    async def _housekeeping(self) -> None:
        now = time.monotonic()
        group_due = now - self.groups_refreshed > GROUP_REFRESH_SECONDS
        channels = [
            consumer.channel_name for members in self.rooms.values() for consumer in members
        ]
        try:
            from forum.services import presence_refresh

            await database_sync_to_async(presence_refresh)(channel_names=channels)
            if group_due:
                self.groups_refreshed = now
                for room_id in list(self.rooms):
                    await self.layer.group_add(group_name(room_id), self.channel)
        except Exception:
            logger.exception("chat hub housekeeping failed")


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RoomHub]" = weakref.WeakKeyDictionary()


def get_hub() -> RoomHub:
    """The hub of the running event loop (one per server process)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub()
    return hub

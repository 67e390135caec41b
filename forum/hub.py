"""One subscription per server process and room, fanned out to local sockets.

The plain Channels pattern adds every connection to the room's group, so one
message becomes one channel-layer message per listener. Here each process
joins the group once, with one channel of its own, and hands the already
serialised text to its local sockets: the channel layer carries one message per
process, whatever the number of listeners; the hub builds one ASGI
``websocket.send`` per event and hands it to each socket's server ``send``
(``ChatConsumer.deliver``, past Channels' session wrapper, which does nothing
for WebSocket frames but read the session). Sockets have no channel of their
own: the hub is the only reader of the layer in its process, so it is the one
that sees the layer fail.

The hub survives the channel layer. A Redis that restarts comes back empty:
the groups are gone and every event sent meanwhile is lost, often without an
error (redis-py reconnects by itself). So the hub pings itself once a second
through a group of its own. When no ping comes back for ``PING_LATE`` seconds
it joins all its groups again; when a ping comes back after one that never
did, or the layer raised, frames were lost: once live again the hub sends
``gap`` to its sockets (the client reconnects with ``?after=``), asks the other
processes to do the same for the rooms it could not publish in, and checks
its sockets' sessions and access again (announcements may have been lost
too). A message sent meanwhile is saved and delivered at least to this
process's sockets, its sender included.

The hub also keeps sockets to the rules. Services announce on the control
group (``forum.events.CONTROL_GROUP``) that someone's session ended or access
changed; each hub checks its affected sockets with one database call and
closes them or tells them their new rights.
"""

import asyncio
import itertools
import logging
import time
import uuid
import weakref
from collections import defaultdict, deque

from channels.layers import get_channel_layer
from twisted.internet.tcp import Server as TcpServer

from forum.db import chat_db
from forum.events import CONTROL_GROUP, group_event, group_name

logger = logging.getLogger(__name__)

GROUP_REFRESH_SECONDS = 30 * 60  # channel layers forget group members after a day
PRESENCE_REFRESH_SECONDS = 60  # also how often sessions are checked again
# Presence is announced at most this often per room and process: a burst of
# N connections (a class starting, a server restarting) costs one
# announcement, not N announcements of N names to N listeners. In a big room
# the wait grows with the people listening here (PRESENCE_DEBOUNCE_PER_LISTENER
# each, up to PRESENCE_DEBOUNCE_MAX_SECONDS): every announcement goes to all of
# them, so 2,000 people arriving over a minute cost a dozen announcements, not
# hundreds, and the count is at most a few seconds behind.
PRESENCE_DEBOUNCE_SECONDS = 0.25
PRESENCE_DEBOUNCE_PER_LISTENER = 0.0025
PRESENCE_DEBOUNCE_MAX_SECONDS = 5.0
PING_EVERY = 1.0
PING_LATE = 3.0  # no ping back for this long: join every group again
READER_STUCK = 30.0  # pings sent, none back, groups joined again: read anew
LAYER_TIMEOUT = 1.0  # a publish that takes longer has failed: deliver here, resync later
PING_TIMEOUT = PING_LATE  # a slow Redis under load is not a lost one
# A socket that was checked at connection time and joined the hub just after
# still gets the announcements that arrived in between.
RECENT_SECONDS = 10.0
# After a gap, sockets still open this long later (a client that did not
# reconnect) have their access checked again.
STRAGGLER_SECONDS = 5.0
REMEMBERED_IDS = 512  # message ids per room delivered already (never twice)
# A person's own sockets (one per open signed-in page) per process: more tabs than
# anyone reads; beyond, the page keeps the count it was drawn with.
PERSON_SOCKETS = 30


def presence_debounce(listeners: int) -> float:
    """Seconds to wait before announcing who is in a room with ``listeners`` here."""
    return min(
        max(PRESENCE_DEBOUNCE_SECONDS, listeners * PRESENCE_DEBOUNCE_PER_LISTENER),
        PRESENCE_DEBOUNCE_MAX_SECONDS,
    )


class RoomHub:
    def __init__(self):
        self.layer = get_channel_layer()
        self.name = uuid.uuid4().hex
        self.numbers = itertools.count(1)
        self.channel: str | None = None
        self.rooms: dict[int, set] = defaultdict(set)
        # A person's own sockets (every signed-in page, forum.consumers.PersonConsumer):
        # no room; they hear of the person's notifications and sessions only.
        self.people: dict[int, set] = defaultdict(set)
        self.lock = asyncio.Lock()
        self.reader: asyncio.Task | None = None
        self.watchdog: asyncio.Task | None = None
        self.housekeeper: asyncio.Task | None = None
        self.checks: set[asyncio.Task] = set()
        self.presence_due: dict[int, asyncio.Task] = {}
        self.groups_refreshed = time.monotonic()
        self.delivered: dict[int, dict[int, None]] = {}
        self.recent: deque[tuple[float, dict]] = deque()
        # The channel layer's health.
        self.pings: dict[int, float] = {}  # number -> when sent, not back yet
        self.ping_numbers = itertools.count(1)
        self.heard = time.monotonic()  # when a ping last came back
        self.rejoined = 0.0
        self.reader_started = 0.0
        self.lost = False  # frames may have been lost: catch up once live again
        self.unpublished: set[int] = set()  # rooms whose events other processes missed
        self.recovering = False

    @property
    def ping_group(self) -> str:
        return f"chat.hub.{self.name}"

    def socket_name(self) -> str:
        """A name for a new socket, unique across processes (presence rows, origins)."""
        return f"chat.{self.name}.{next(self.numbers)}"

    # --- sockets ----------------------------------------------------------------------------

    async def _start(self):
        # The default prefix matters: channels_redis reads every process-local
        # channel of one prefix through one Redis list.
        self.channel = await self.layer.new_channel()
        loop = asyncio.get_running_loop()
        self._start_reader()
        for group in (CONTROL_GROUP, self.ping_group):
            await self._group_add(group)
        # Only now: a ping sent before its group was joined would look lost.
        self.heard = time.monotonic()
        self.watchdog = loop.create_task(self._watch())
        self.housekeeper = loop.create_task(self._housekeep())

    def _start_reader(self) -> None:
        self.reader_started = time.monotonic()
        self.reader = asyncio.get_running_loop().create_task(self._read())

    async def join(self, room_id: int, consumer, checked_at: float) -> None:
        """Deliver the room's events to this socket from now on.

        ``checked_at``: when its session and access were read; announcements
        that arrived since then are applied to it too.
        """
        async with self.lock:
            if self.channel is None:
                await self._start()
            first = not self.rooms[room_id]
            self.rooms[room_id].add(consumer)
            if first:
                await self._group_add(group_name(room_id))
        for at, message in self.recent:
            if at >= checked_at and self._affects(message, consumer):
                self._handle(message, [consumer])

    async def leave(self, room_id: int, consumer) -> None:
        async with self.lock:
            members = self.rooms.get(room_id)
            if not members or consumer not in members:
                return
            members.discard(consumer)
            if not members:
                del self.rooms[room_id]
                self.delivered.pop(room_id, None)
                try:
                    async with asyncio.timeout(LAYER_TIMEOUT):
                        await self.layer.group_discard(group_name(room_id), self.channel)
                except Exception:  # an event for a room nobody is in here is dropped
                    logger.debug("chat hub could not leave room %s", room_id)

    async def join_person(self, consumer, checked_at: float) -> bool:
        """Tell this socket of its person's notifications and sessions from now on.

        False: the person already has ``PERSON_SOCKETS`` such sockets in this process.
        """
        async with self.lock:
            if self.channel is None:
                await self._start()
            mine = self.people[consumer.user.pk]
            if len(mine) >= PERSON_SOCKETS:
                return False
            mine.add(consumer)
        for at, message in self.recent:
            if at >= checked_at and self._affects(message, consumer):
                self._handle(message, [consumer])
        return True

    def leave_person(self, consumer) -> None:
        mine = self.people.get(consumer.user.pk)
        if mine is not None:
            mine.discard(consumer)
            if not mine:
                del self.people[consumer.user.pk]

    def sockets(self) -> list:
        """The sockets of rooms."""
        return [consumer for members in self.rooms.values() for consumer in members]

    def person_sockets(self) -> list:
        return [consumer for mine in self.people.values() for consumer in mine]

    # --- sending ----------------------------------------------------------------------------

    async def publish(self, room_id: int, event: dict) -> None:
        """Send a room event to every process; at least to this one's sockets.

        When the layer fails (or is known to be failing) the event still
        reaches the sockets here, the sender's included, and the room's sockets
        on every process are told to catch up once the layer answers.
        """
        if not self.lost:
            try:
                async with asyncio.timeout(LAYER_TIMEOUT):
                    await self.layer.group_send(group_name(room_id), event)
                return
            except Exception:
                logger.warning("chat hub could not publish in room %s", room_id)
        self.unpublished.add(room_id)
        await self._deliver(event)

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
            await asyncio.sleep(presence_debounce(len(self.rooms.get(room_id, ()))))
            # From here on, a new arrival schedules a new announcement.
            forget()
            payload = await chat_db(presence_payload)(room_id=room_id)
            await self.publish(room_id, group_event(room_id, payload))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("chat hub could not announce presence")
        finally:
            forget()

    # --- receiving --------------------------------------------------------------------------

    async def _read(self):
        # Never time the receive out: cancelling a channel-layer receive can
        # drop the message it was reading.
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                self._trouble("could not receive")
                await asyncio.sleep(0.5)
                continue
            try:
                await self._dispatch(message)
            except Exception:
                logger.exception("chat hub could not handle a %s event", message.get("type"))

    async def _dispatch(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "room.event":
            await self._deliver(message)
        elif kind == "hub.ping":
            await self._pong(message.get("number"))
        elif kind == "room.resync" and message.get("hub") != self.name:
            # Another process could not publish here: its events were missed.
            await self._catch_up(self.rooms.get(message.get("room"), ()))
        elif kind == "chat.notifications":
            everyone = self.sockets() + self.person_sockets()
            affected = [c for c in everyone if self._affects(message, c)]
            if affected:
                self._handle(message, affected)
        elif kind in ("chat.access", "chat.sessions"):
            now = time.monotonic()
            self.recent.append((now, message))
            while self.recent and self.recent[0][0] < now - RECENT_SECONDS:
                self.recent.popleft()
            everyone = self.sockets()
            if kind == "chat.sessions":
                everyone += self.person_sockets()
            affected = [c for c in everyone if self._affects(message, c)]
            if affected:
                self._handle(message, affected)

    async def _deliver(self, message: dict) -> None:
        room_id, seq = message.get("room"), message.get("seq")
        if seq is not None:
            # Once: an event published here when the layer failed may come back.
            seen = self.delivered.setdefault(room_id, {})
            if seq in seen:
                return
            seen[seq] = None
            if len(seen) > REMEMBERED_IDS:
                del seen[next(iter(seen))]
        origin = message.get("origin")
        text = message.get("text")
        # One ASGI message for every socket: servers read it, never change it. Under
        # Daphne, one WebSocket frame built once and written to each connection.
        frame = {"type": "websocket.send", "text": text}
        prepared = None
        for consumer in list(self.rooms.get(room_id, ())):
            if consumer.ended or (origin and consumer.channel_name == origin):
                continue
            if seq is not None and seq > consumer.sent_up_to:
                consumer.sent_up_to = seq
            try:
                wire = consumer.wire
                if wire is None or text is None:
                    await consumer.deliver(frame)
                    continue
                if wire.state != wire.STATE_OPEN:
                    continue  # closing or closed: Daphne would drop the frame too
                if prepared is None:
                    prepared = wire.factory.prepareMessage(text.encode())
                if not write_now(wire, prepared):
                    wire.sendPreparedMessage(prepared)
            except Exception:  # a socket that closed meanwhile
                logger.debug("chat hub could not deliver to %s", consumer.channel_name)

    async def _catch_up(self, consumers) -> None:
        for consumer in list(consumers):
            if not consumer.ended:
                try:
                    await consumer.gap()
                except Exception:
                    logger.debug("chat hub could not send a gap to %s", consumer.channel_name)

    # --- sessions and access ----------------------------------------------------------------

    @staticmethod
    def _affects(message: dict, consumer) -> bool:
        users, spaces, rooms = message.get("users"), message.get("spaces"), message.get("rooms")
        if consumer.room is None:  # a person's own socket: notifications and sessions
            return message["type"] != "chat.access" and (users is None or consumer.user.pk in users)
        return (
            (users is None or consumer.user.pk in users)
            and (spaces is None or consumer.room.space_id in spaces)
            and (rooms is None or consumer.room.pk in rooms)
        )

    def _handle(self, message: dict, consumers: list) -> None:
        if message["type"] == "chat.notifications":
            self._spawn(self.tell_unread(consumers))
            return
        if message["type"] == "chat.sessions":
            ended = set(message.get("ended") or ())
            if ended:
                for consumer in consumers:
                    if consumer.session_key in ended:
                        self._spawn(consumer.end("signed_out"))
                return
            self._spawn(self.check(consumers, sessions=True))
        else:
            self._spawn(self.check(consumers, access=True))

    def _spawn(self, coroutine) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.checks.add(task)
        task.add_done_callback(self.checks.discard)

    async def tell_unread(self, consumers) -> None:
        """Send these sockets their person's unread notifications, counted in one call."""
        from lms.selectors.counts import unread_notification_counts

        consumers = [c for c in consumers if not c.ended]
        if not consumers:
            return
        try:
            counts = await chat_db(unread_notification_counts)(
                user_ids={c.user.pk for c in consumers}
            )
        except Exception:
            logger.exception("chat hub could not count notifications of %s sockets", len(consumers))
            return
        for consumer in consumers:
            if not consumer.ended:
                try:
                    await consumer.notifications_changed(counts.get(consumer.user.pk, 0))
                except Exception:
                    logger.debug("chat hub could not send a count to %s", consumer.channel_name)

    async def check(self, consumers, *, sessions: bool = False, access: bool = False) -> None:
        """Check these sockets' sessions and/or access again, in one database call;
        close those that lost them, tell the others their new rights."""
        from forum import selectors

        consumers = [c for c in consumers if not c.ended]
        if not consumers:
            return

        def read():
            valid = roles = None
            if sessions:
                valid = selectors.sessions_still_valid(
                    sessions={c.session_key: c.user.pk for c in consumers}
                )
            if access:
                roles = selectors.socket_roles(pairs={(c.user.pk, c.room.pk) for c in consumers})
            return valid, roles

        try:
            valid, roles = await chat_db(read)()
        except Exception:
            logger.exception("chat hub could not check %s sockets", len(consumers))
            return
        for consumer in consumers:
            if valid is not None and consumer.session_key not in valid:
                await consumer.end("signed_out")
            elif roles is not None:
                await consumer.access_changed(roles[(consumer.user.pk, consumer.room.pk)])

    # --- the channel layer's health ---------------------------------------------------------

    def _trouble(self, what: str) -> None:
        if not self.lost:
            logger.warning("chat hub %s: the channel layer failed; live frames may be lost", what)
        self.lost = True

    async def _group_add(self, group: str) -> None:
        if self.lost:
            return  # joined with all the others when the layer is back (_resume)
        try:
            async with asyncio.timeout(LAYER_TIMEOUT):
                await self.layer.group_add(group, self.channel)
        except Exception:
            self._trouble(f"could not join {group}")

    async def _rejoin(self) -> None:
        """Join every group again (Redis may have restarted empty): idempotent."""
        self.rejoined = time.monotonic()
        for group in [CONTROL_GROUP, self.ping_group, *map(group_name, list(self.rooms))]:
            try:
                async with asyncio.timeout(PING_TIMEOUT):
                    await self.layer.group_add(group, self.channel)
            except Exception:
                self._trouble("could not join its groups again")
                self.rejoined = 0.0  # try again at the next ping, not PING_LATE later
                return

    async def _watch(self):
        while True:
            await asyncio.sleep(PING_EVERY)
            try:
                await self._check_layer()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("chat hub could not check the channel layer")

    async def _check_layer(self) -> None:
        now = time.monotonic()
        if self.reader.done():
            self._trouble("lost its reader")
            self._start_reader()
        silent = now - self.heard
        if silent > PING_LATE and now - self.rejoined > PING_LATE:
            await self._rejoin()
        if (
            silent > READER_STUCK
            and self.pings
            and now - self.reader_started > READER_STUCK
            and now - self.rejoined < READER_STUCK
        ):
            # Groups joined, pings sent, nothing read for long: read anew.
            self._trouble("read nothing for long")
            self.reader.cancel()
            self._start_reader()
        for number in [n for n, at in self.pings.items() if now - at > 60]:
            del self.pings[number]
            self.lost = True
        number = next(self.ping_numbers)
        self.pings[number] = now  # before sending: it may be back before the send returns
        try:
            async with asyncio.timeout(PING_TIMEOUT):
                await self.layer.group_send(self.ping_group, {"type": "hub.ping", "number": number})
        except Exception:
            self.pings.pop(number, None)
            self._trouble("could not ping itself")

    async def _pong(self, number) -> None:
        if self.pings.pop(number, None) is None:
            return
        self.heard = time.monotonic()
        older = [n for n in self.pings if n < number]
        for n in older:  # sent before this one and never back: lost, with any room event
            del self.pings[n]
        if older:
            self._trouble("lost pings")
        if (self.lost or self.unpublished) and not self.recovering:
            # Not in the reader: it goes on delivering meanwhile.
            self.recovering = True
            self._spawn(self._recover())

    async def _recover(self) -> None:
        try:
            if self.lost:
                await self._resume()
            else:
                await self._resync()
        finally:
            self.recovering = False

    async def _resync(self) -> None:
        """The rooms where a publish failed: their sockets on every process catch up."""
        for room_id in list(self.unpublished):
            try:
                async with asyncio.timeout(PING_TIMEOUT):
                    await self.layer.group_send(
                        group_name(room_id),
                        {"type": "room.resync", "room": room_id, "hub": self.name},
                    )
                self.unpublished.discard(room_id)
            except Exception:
                self._trouble("could not ask the others to catch up")
                return

    async def _resume(self) -> None:
        """Live again: every socket catches up, and is checked again."""
        self.lost = False
        await self._rejoin()  # rooms first joined while the layer failed
        if not self.lost:
            await self._resync()
        if self.lost:
            return
        logger.warning("chat hub: the channel layer is back; sockets catch up")
        consumers = self.sockets()
        await self._catch_up(consumers)
        # Announcements may have been lost too. Clients that reconnect are
        # checked at the handshake; the others a moment later. A person's own
        # sockets are sent their count again, and checked with the others.
        self._spawn(self.tell_unread(self.person_sockets()))
        self._spawn(self._check_stragglers(consumers, self.person_sockets()))

    async def _check_stragglers(self, consumers, people) -> None:
        await asyncio.sleep(STRAGGLER_SECONDS)
        still = [c for c in consumers if c in self.rooms.get(c.room.pk, ())]
        await self.check(still, sessions=True, access=True)
        mine = [c for c in people if c in self.people.get(c.user.pk, ())]
        await self.check(mine, sessions=True)

    async def _housekeep(self):
        while True:
            await asyncio.sleep(PRESENCE_REFRESH_SECONDS)
            await self._housekeeping()

    async def _housekeeping(self) -> None:
        now = time.monotonic()
        consumers = self.sockets()
        try:
            from forum.services import presence_refresh

            await chat_db(presence_refresh)(
                channel_names=[consumer.channel_name for consumer in consumers]
            )
            # A session that ended unannounced (expired, or while the layer was down).
            await self.check(consumers + self.person_sockets(), sessions=True)
            if now - self.groups_refreshed > GROUP_REFRESH_SECONDS:
                self.groups_refreshed = now
                await self._rejoin()
        except Exception:
            logger.exception("chat hub housekeeping failed")


def write_now(wire, prepared) -> bool:
    """Write a frame framed once straight to the connection's socket, when nothing of
    the connection waits to be written before it (True: written, or its rest handed
    to Twisted's buffer behind it).

    Twisted buffers every write and asks the event loop to say when the socket is
    writable (two epoll_ctl calls and a pass of the loop per socket and frame), which
    was most of a frame's cost in a room of 2,000. Plain TCP connections of Daphne's
    only (``twisted.internet.tcp.Server`` without TLS, nothing buffered; the
    connection's producer, Daphne's HTTP channel, is paused by Twisted only when its
    buffer is full, and a full buffer goes through Twisted); anything else goes
    through Twisted as before (False). Same thread as Twisted (its reactor is this
    event loop): nothing can write in between."""
    transport = getattr(wire, "transport", None)
    if (
        type(transport) is not TcpServer
        or transport.TLS
        or not transport.connected
        or transport.disconnecting
        or transport._writeDisconnected
        or transport._tempDataBuffer
        or len(transport.dataBuffer) > transport.offset
        or wire.send_queue
        or wire.state != wire.STATE_OPEN
        or (wire._perMessageCompress is not None and not prepared.doNotCompress)
    ):
        return False
    data = prepared.payloadHybi
    try:
        sent = transport.socket.send(data)
    except BlockingIOError:
        sent = 0
    except OSError:
        return False  # Twisted's own write finds the error and closes the connection
    if sent < len(data):
        transport.write(data[sent:])
    return True


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RoomHub]" = weakref.WeakKeyDictionary()


def get_hub() -> RoomHub:
    """The hub of the running event loop (one per server process)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub()
    return hub

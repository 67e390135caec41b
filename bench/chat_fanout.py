"""Chat fan-out: one room, N listeners, senders at a fixed rate, three servers.

In one run, on this machine, the same load goes to

(a) ``bench.ws_broadcast``: a bare ``websockets`` server that broadcasts every
    frame to every socket (the floor: what Python can fan out at all);
(b) ``bench.tutorial_chat``: the Channels tutorial's pattern on Daphne with the
    in-memory channel layer (every socket in the room's group), measured with
    the tutorial's synchronous consumer (b-sync) and its async rewrite (b-async);
(c) RIAL Campus (``config.asgi`` on Daphne, production settings, throwaway SQLite,
    in-memory channel layer): authenticated sockets, every message validated,
    rendered, stored and numbered, then fanned out by ``forum.hub``.

Each server is its own subprocess (one Daphne process for (b) and (c)) on a
free 127.0.0.1 port; the load generator is this process (``bench.chat_load``,
with the constants of the load): one asyncio loop and the ``websockets``
client, the same code for every server. Its CPU share while sending is
reported per run (``cpu``): near 1 it would be timing itself rather than the
server; at 2,000 sockets it is about half, and the bare server (a) measured at
the same 2,000 sockets shows what taking in 2,000 frames per message adds to the
latency by itself (on 2026-12-06: p99 123 ms for (a), 98-102 ms for (c)). The
open-file limit is raised for the sockets if needed (``enough_files``; the servers
inherit it). For each N in
``LISTENERS`` (and, for (c) and (a), each N of ``RIAL_LISTENERS`` at its own rate:
2,000 listeners at 5 msg/s, the 10,000 deliveries/s of 500 at ``RATE``, on one
Daphne process) it opens N listener sockets and ``SENDERS`` sender sockets
(``CONNECT_CONCURRENCY`` handshakes at a time), waits until every socket is
connected (for (c): has its hello, and the presence frames of the join have
stopped), then sends ``RATE`` messages per second in total, open loop, round
robin over the senders, for ``WARMUP`` + ``DURATION`` seconds. Only messages
sent after the warm-up count. ``RATE`` is 20 msg/s, 1,200 messages a minute:
a very busy room, a large live session's chat at its peak. The bare server
delivers it to 500 listeners (10,000 deliveries/s) with a p99 of a few tens of
ms, a quarter of what this load generator takes in (about 40,000 frames/s).

Measured, per server and N:

- deliveries per second: measured messages received by listeners, divided by
  the time from the first measured send to the last such delivery;
- p50/p99 send-to-receive latency over all those deliveries (the sender and
  the listeners share this process's monotonic clock; frames are matched by
  the ``client_id`` the sender put in them, which every server sends back);
- delivered/expected, expected = measured messages sent x N listeners. "raw"
  counts what arrived live within ``GRACE`` seconds of the last send. For (c)
  a listener that misses messages then catches up the way the real client
  does (a ``history`` frame, or a reconnect with ``?after=`` if its socket
  closed); the "after catch-up" figure counts those too. (a) and (b) have no
  catch-up: their figure is the raw one.

The mixed load, (c) only, on the same sockets after the fixed-rate phase (and the
capacity phase), at the same rate: of every 20 frames the senders send, 12 are
messages, 5 ``react`` frames (an emoji of the set the room's ``hello`` offers,
given to a recent message of the room, or taken back when the sender gave it
earlier: ``on`` true or false) and 3 ``edit`` frames of the sender's own earlier
messages, each body with a marker of its own. The server answers each change
with a ``reaction`` or ``edited`` frame to the whole room (forum/consumers.py,
forum/services/chat_changes.py). Per kind: p50/p99 send-to-receive latency,
matching reactions by (message id, emoji, person, on) (each used once per
sender) and edits by message id and marker; delivered/expected raw and after
catch-up: a listener that missed a change reconnects with
``?after=<last id without a hole>&changes=<last change without a hole>`` and a
missed change counts as caught up when the message as replayed (its ``edited``
and ``reactions`` frames, or the whole message) shows that change's latest
word (an edit superseded by a later one, shown, is not lost). Deliveries per
second count every kind. Edits and reactions count toward the chat's rate
limit like messages: the benchmark's throwaway server keeps its raised limit.

At a rate every server sustains, deliveries per second is just the offered
load, the same for all. So at ``CAPACITY_LISTENERS`` the same sockets then run
a capacity phase: closed loop, each sender sending its next message as soon
as its previous one came back, which shows what each server sustains
(for (a), what the load generator takes in). The throughput target is
reported at the fixed rate and at capacity, against (b-async), the stricter
baseline, and (b-sync); (c)'s capacity against (a)'s is printed on a line of
its own ("CAPACITY (c) / (a)", aim 0.25).

Run: ``python -c "from bench import chat_fanout as c; print(c.report(c.measure()))"``.
"""

import asyncio
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.chat_load import (
    CAPACITY_DURATION,
    CONNECT_CONCURRENCY,
    DURATION,
    GRACE,
    MIX,
    SENDERS,
    WARMUP,
    Server,
    run_load,
)
from bench.common import (
    closing_line,
    daphne,
    manage,
    production_env,
    server_errors,
    spawn,
    wait_for_port,
)
from tests.processes import free_port, stop

LISTENERS = (10, 100, 500)
RATE = 20.0  # messages per second, all senders together, for every server and N
# (c) and the bare server (a), N listeners: rate. 2,000 sockets at 5 msg/s are 10,000
# deliveries/s, what 500 take at RATE: four times the sockets at the same delivered
# volume. (a) there shows what the load generator itself adds to the latency.
RIAL_LISTENERS = {2000: 5.0}
CAPACITY_LISTENERS = 100  # where the throughput target is judged, also at capacity
# (c) limits each person to 5 messages (edits and reactions included) in 5 s by default
# (config/settings/base.py, RIAL_CHAT_RATE_LIMIT from CHAT_RATE_COUNT/CHAT_RATE_SECONDS).
# The benchmark's throwaway server gets a high limit instead (production settings are
# untouched): the limiter still runs on every frame, it just never refuses.
RIAL_RATE_LIMIT = ("100000", "5")

SERVERS = {
    "a": "(a) bare websockets",
    "b-sync": "(b-sync) tutorial, sync",
    "b-async": "(b-async) tutorial, async",
    "c": "(c) RIAL Campus",
}


# --- servers -------------------------------------------------------------------------------------


def rial_env(workdir: str) -> dict:
    """Production settings, as in http_pages, minus HTTPS; no REDIS_URL: in-memory layer."""
    return production_env(
        workdir, CHAT_RATE_COUNT=RIAL_RATE_LIMIT[0], CHAT_RATE_SECONDS=RIAL_RATE_LIMIT[1]
    )


def prepare_rial(env: dict, people: int) -> dict:
    """Migrate a throwaway database and create the room, its members and their sessions."""
    manage(env, "migrate", "--noinput", "-v0")
    return json.loads(manage(env, "-m", "bench.rial_chat_setup", str(people)))


def servers(workdir: str, rial: dict, env: dict) -> list[Server]:
    tutorial_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.tutorial_settings"}
    tutorial_env.pop("REDIS_URL", None)
    tutorial = daphne("{port}", "bench.tutorial_chat:application")
    return [
        Server("a", [sys.executable, "-m", "bench.ws_broadcast", "{port}"], dict(os.environ), "/"),
        Server("b-sync", tutorial, tutorial_env, "/ws/chat/sync/bench/"),
        Server("b-async", tutorial, tutorial_env, "/ws/chat/async/bench/"),
        Server(
            "c",
            daphne("{port}", "config.asgi:application"),
            env,
            f"/ws/chat/{rial['slug']}/",
            sessions=rial["sessions"],
            database=f"{workdir}/bench.sqlite3",
        ),
    ]


def start(server: Server, port: int, log: Path) -> subprocess.Popen:
    if server.database:
        # Presence rows of the previous run's process would still count as present.
        with sqlite3.connect(server.database) as db:
            db.execute("DELETE FROM forum_roompresence")
    command = [part.replace("{port}", str(port)) for part in server.command]
    process = spawn(command, server.env, log)
    wait_for_port(port, process)
    return process


# --- measuring -----------------------------------------------------------------------------------


def enough_files(sockets: int) -> dict:
    """Raise this process's open-file limit for ``sockets`` (the servers it starts inherit
    it); the limit before and after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = sockets + 1024
    if soft != resource.RLIM_INFINITY and soft < need:
        raised = need if hard == resource.RLIM_INFINITY else min(need, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
    return {"before": soft, "now": resource.getrlimit(resource.RLIMIT_NOFILE)[0]}


def measure_one(server: Server, listeners: int, rate: float, log: Path) -> dict:
    started = time.perf_counter()
    port = free_port()
    offset = log.stat().st_size if log.exists() else 0
    process = start(server, port, log)
    try:
        capacity = listeners == CAPACITY_LISTENERS
        row = {
            "server": server.key,
            "name": SERVERS[server.key],
            "rate": rate,
            # Reactions and edits are (c)'s: the baselines relay messages only.
            **asyncio.run(run_load(server, port, listeners, rate, capacity, mixed=server.rial)),
        }
    except Exception as error:  # a failed run is a result too, not the end of the benchmark
        row = {
            "server": server.key,
            "name": SERVERS[server.key],
            "rate": rate,
            "listeners": listeners,
            "failed": f"{type(error).__name__}: {error}",
        }
    finally:
        stop(process)
    errors = server_errors(log, offset)
    row["wall_s"] = round(time.perf_counter() - started, 1)
    row["server_errors"] = len(errors)
    row["server_error_sample"] = sorted(set(errors))[:3]
    return row


def measure(
    listener_counts=LISTENERS,
    rate: float = RATE,
    keys=tuple(SERVERS),
    rial_listeners: dict = RIAL_LISTENERS,
) -> dict:
    started = time.perf_counter()
    load_before = os.getloadavg()
    most = max([*listener_counts, *rial_listeners]) + SENDERS
    open_files = enough_files(2 * most)  # the catch-up may reconnect while the old socket closes
    workdir = tempfile.mkdtemp(prefix="rial-chat-bench-")
    Path(workdir, "static").mkdir()  # STATIC_ROOT: whitenoise warns if it is missing
    log = Path(workdir) / "servers.log"
    env = rial_env(workdir)
    rial = prepare_rial(env, most) if "c" in keys else {"slug": ""}
    rows = []
    for listeners in listener_counts:
        for server in servers(workdir, rial, env):
            if server.key in keys:
                rows.append(measure_one(server, listeners, rate, log))
    if "c" in keys:
        by_key = {server.key: server for server in servers(workdir, rial, env)}
        for listeners, its_rate in rial_listeners.items():
            if "a" in keys:
                # The floor at the same load: what this load generator measures of the
                # bare server (its own time to take in N frames per message included).
                rows.append(measure_one(by_key["a"], listeners, its_rate, log))
            rows.append(measure_one(by_key["c"], listeners, its_rate, log))
    return {
        "benchmark": "chat_fanout",
        "rate_msgs_per_s": rate,
        "rial_listeners": {str(n): r for n, r in rial_listeners.items()},
        "mix": {kind: MIX.count(kind) / len(MIX) for kind in ("message", "reaction", "edited")},
        "open_files_limit": open_files,
        "senders": SENDERS,
        "warmup_s": WARMUP,
        "duration_s": DURATION,
        "grace_s": GRACE,
        "connect_concurrency": CONNECT_CONCURRENCY,
        "capacity_listeners": CAPACITY_LISTENERS,
        "capacity_duration_s": CAPACITY_DURATION,
        "rial_rate_limit": f"CHAT_RATE_COUNT={RIAL_RATE_LIMIT[0]} per "
        f"CHAT_RATE_SECONDS={RIAL_RATE_LIMIT[1]}: {SENDERS} senders share the load; the "
        "limiter runs on every message and never refuses",
        "rows": rows,
        "ratios": ratios(rows, listener_counts),
        "capacity_over_bare": _ratio(
            _row(rows, "c", CAPACITY_LISTENERS).get("capacity"),
            _row(rows, "a", CAPACITY_LISTENERS).get("capacity"),
            "deliveries_per_s",
        ),
        "targets": targets(rows),
        "wall_s": round(time.perf_counter() - started, 1),
        # Other work on this machine skews every number: the 1-minute load average, before
        # and after (2 cores: above ~2 the servers and the load generator share the CPU).
        "load_average_1m": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "server_log": str(log),
    }


def _row(rows: list, key: str, listeners: int) -> dict:
    for row in rows:
        if row["server"] == key and row["listeners"] == listeners and "failed" not in row:
            return row
    return {}


def _ratio(top: dict, bottom: dict, name: str):
    if not top or not bottom or not bottom.get(name):
        return None
    return round(top[name] / bottom[name], 3)


def ratios(rows: list, listener_counts) -> list:
    """(c) against each baseline: deliveries/s (higher is better) and p99 (lower is better)."""
    out = []
    for listeners in listener_counts:
        c = _row(rows, "c", listeners)
        entry = {"listeners": listeners}
        for key in ("a", "b-sync", "b-async"):
            other = _row(rows, key, listeners)
            entry[f"c_over_{key}_deliveries"] = _ratio(c, other, "deliveries_per_s")
            entry[f"c_over_{key}_p99"] = _ratio(c, other, "p99_ms")
            if listeners == CAPACITY_LISTENERS:
                entry[f"c_over_{key}_capacity"] = _ratio(
                    c.get("capacity"), other.get("capacity"), "deliveries_per_s"
                )
        out.append(entry)
    return out


def targets(rows: list) -> dict:
    """The issue's targets, each with its verdict; a missing run counts as a miss."""
    rial = [row for row in rows if row["server"] == "c"]
    lost = [
        {
            "listeners": row["listeners"],
            "delivered_ratio": row.get("delivered_ratio"),
            "mixed_delivered_ratio": row.get("mixed", {}).get("all_delivered_ratio"),
        }
        for row in rial
        if row.get("delivered_ratio") != 1.0
        or row.get("mixed", {}).get("all_delivered_ratio") != 1.0
    ]
    c100 = _row(rows, "c", CAPACITY_LISTENERS)
    fixed = {key: _ratio(c100, _row(rows, key, 100), "deliveries_per_s") for key in SERVERS}
    capacity = {
        key: _ratio(c100.get("capacity"), _row(rows, key, 100).get("capacity"), "deliveries_per_s")
        for key in SERVERS
    }
    c500 = _row(rows, "c", 500)
    quarter = _ratio(
        c100.get("capacity"),
        _row(rows, "a", CAPACITY_LISTENERS).get("capacity"),
        "deliveries_per_s",
    )
    big = {}
    for listeners, rate in RIAL_LISTENERS.items():
        row = _row(rows, "c", listeners)
        mixed = row.get("mixed", {})
        p99s = [row.get("p99_ms", 0), *(k["p99_ms"] for k in mixed.get("kinds", {}).values())]
        worst = max(p99s) if row else None
        big[f"p99_under_100ms_at_{listeners}"] = {
            "target": f"(c) p99 < 100 ms, {listeners:,} listeners at {rate:g}/s, one Daphne "
            "process, messages and the mixed load, nothing lost",
            "p99_ms": row.get("p99_ms"),
            "worst_p99_ms": worst,
            "bare_p99_ms": _row(rows, "a", listeners).get("p99_ms"),
            "delivered_ratio": row.get("delivered_ratio"),
            "mixed_delivered_ratio": mixed.get("all_delivered_ratio"),
            "met": bool(row)
            and worst < 100
            and row["delivered_ratio"] == 1.0
            and mixed.get("all_delivered_ratio") == 1.0,
        }
    return {
        "nothing_lost": {
            "target": "(c) delivered/expected = 1.0 (after catch-up) at every N, messages and "
            "the mixed load",
            "met": bool(rial) and not lost,
            "misses": lost,
        },
        "throughput_3x_b_at_100_fixed_rate": {
            "target": f"(c) >= 3x (b-async) deliveries/s, 100 listeners, at {RATE:g} msg/s",
            "c_over_b_async": fixed["b-async"],
            "c_over_b_sync": fixed["b-sync"],
            "met": (fixed["b-async"] or 0) >= 3,
            "met_against_b_sync": (fixed["b-sync"] or 0) >= 3,
            "note": "at a rate a server sustains, its deliveries/s is the offered load, so a "
            "ratio near 1 says both kept up; the capacity run compares throughput",
        },
        "throughput_3x_b_at_100_capacity": {
            "target": "(c) >= 3x (b-async) deliveries/s, 100 listeners, at capacity (closed loop)",
            "c_over_b_async": capacity["b-async"],
            "c_over_b_sync": capacity["b-sync"],
            "met": (capacity["b-async"] or 0) >= 3,
            "met_against_b_sync": (capacity["b-sync"] or 0) >= 3,
        },
        "p99_under_100ms_at_500": {
            "target": "(c) p99 < 100 ms, 500 listeners, one Daphne process",
            "p99_ms": c500.get("p99_ms"),
            "met": bool(c500) and c500["p99_ms"] < 100,
        },
        **big,
        "capacity_quarter_of_bare_at_100": {
            "target": f"(c) capacity >= 0.25x (a) bare websockets, {CAPACITY_LISTENERS} listeners",
            "capacity_over_bare": quarter,
            "met": (quarter or 0) >= 0.25,
        },
    }


def _fmt(value, spec=".2f") -> str:
    return "-" if value is None else format(value, spec)


def report(result: dict) -> str:
    lines = [
        f"Chat fan-out, one room: {result['senders']} senders at "
        f"{result['rate_msgs_per_s']:g} msg/s in total, {result['warmup_s']:g}s warm-up + "
        f"{result['duration_s']:g}s measured; (a) bare websockets, (b) Channels tutorial on "
        "Daphne, (c) RIAL Campus on Daphne",
        f"(c) rate limit: {result['rial_rate_limit']}",
        "d/e: delivered/expected, raw (live, within "
        f"{result['grace_s']:g}s of the last send) and after (c)'s catch-up; "
        "join: seconds to connect every socket",
        "cpu: the load generator's CPU share while sending (near 1: it times itself)",
        f"{'server':<27}{'N':>5}{'msg/s':>6}{'deliv/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'raw d/e':>9}{'d/e':>8}{'caught':>7}{'err':>5}{'join s':>8}{'cpu':>6}",
    ]
    for row in result["rows"]:
        if "failed" in row:
            lines.append(f"{row['name']:<27}{row['listeners']:>5}  FAILED {row['failed']}")
            continue
        lines.append(
            f"{row['name']:<27}{row['listeners']:>5}{row['rate']:>6g}"
            f"{row['deliveries_per_s']:>9.0f}"
            f"{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['delivered_ratio_raw']:>9.4f}"
            f"{row['delivered_ratio']:>8.4f}{row['caught_up']:>7}"
            f"{sum(row['errors'].values()):>5}{row['connect_s']:>8.1f}{row['loadgen_cpu']:>6.2f}"
        )
    for row in result["rows"]:
        if row.get("join_presence_frames"):
            lines.append(
                f"  {row['name']}, N={row['listeners']}: joining took {row['connect_s']:g}s; "
                f"the sockets got {row['join_presence_frames']} presence frames "
                f"({row['join_presence_mb']:g} MB: each names the first 100 people present "
                "and counts them all (forum.services.chat.PRESENCE_LISTED), to everyone present)"
            )
        if row.get("server_errors"):
            lines.append(
                f"  {row['name']}, N={row['listeners']}: the server logged "
                f"{row['server_errors']} errors (see server_log in the JSON)"
            )
    mix = result["mix"]
    lines += [
        "",
        f"(c) mixed load, same sockets, same rate: {mix['message']:.0%} messages, "
        f"{mix['reaction']:.0%} reactions (given, or taken back), {mix['edited']:.0%} edits of "
        "the sender's own messages; reactions matched by (id, emoji, person, on), edits by id "
        "and a marker in the body; d/e after a reconnect with ?after=&changes=",
        f"{'N':>5}{'msg/s':>6}{'kind':>10}{'sent':>6}{'p50 ms':>9}{'p99 ms':>9}{'raw d/e':>9}"
        f"{'d/e':>8}{'caught':>7}   all kinds: deliv/s, d/e, err",
    ]
    for row in result["rows"]:
        mixed = row.get("mixed")
        if not mixed:
            continue
        for i, (kind, figures) in enumerate(mixed["kinds"].items()):
            tail = ""
            if i == 0:
                tail = (
                    f"   {mixed['deliveries_per_s']:.0f}, {mixed['all_delivered_ratio']:.4f}, "
                    f"{sum(mixed['errors'].values())}"
                )
            lines.append(
                f"{row['listeners']:>5}{row['rate']:>6g}{kind:>10}{figures['sent']:>6}"
                f"{figures['p50_ms']:>9.1f}{figures['p99_ms']:>9.1f}"
                f"{figures['delivered_ratio_raw']:>9.4f}{figures['delivered_ratio']:>8.4f}"
                f"{figures['caught_up']:>7}{tail}"
            )
    lines += [
        "",
        f"Capacity at {result['capacity_listeners']} listeners: closed loop, each sender sends "
        f"when its last message came back, {result['capacity_duration_s']:g}s",
        f"{'server':<27}{'deliv/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'raw d/e':>9}{'d/e':>8}",
    ]
    for row in result["rows"]:
        capacity = row.get("capacity")
        if capacity:
            lines.append(
                f"{row['name']:<27}{capacity['deliveries_per_s']:>9.0f}"
                f"{capacity['p50_ms']:>9.1f}{capacity['p99_ms']:>9.1f}"
                f"{capacity['delivered_ratio_raw']:>9.4f}{capacity['delivered_ratio']:>8.4f}"
            )
    lines += [
        "",
        "(c) / baseline, deliveries/s ('-': the baseline delivered nothing in time)",
        f"{'N':<16}{'/ a':>8}{'/ b-sync':>10}{'/ b-async':>11}",
    ]
    for entry in result["ratios"]:
        runs = [("", "deliveries")]
        if "c_over_a_capacity" in entry:
            runs.append((" at capacity", "capacity"))
        for label, kind in runs:
            lines.append(
                f"{str(entry['listeners']) + label:<16}{_fmt(entry[f'c_over_a_{kind}']):>8}"
                f"{_fmt(entry[f'c_over_b-sync_{kind}']):>10}"
                f"{_fmt(entry[f'c_over_b-async_{kind}']):>11}"
            )
    lines += [
        "",
        f"CAPACITY (c) / (a) bare websockets at {result['capacity_listeners']} listeners, "
        f"closed loop: x{_fmt(result['capacity_over_bare'])} (aim x0.25)",
        "",
    ]
    for target in result["targets"].values():
        detail = ""
        if "c_over_b_async" in target:
            detail = (
                f" -> x{_fmt(target['c_over_b_async'])} b-async, "
                f"x{_fmt(target['c_over_b_sync'])} b-sync"
            )
        elif "worst_p99_ms" in target:
            detail = (
                f" -> messages {_fmt(target['p99_ms'], '.1f')} ms, worst of all kinds "
                f"{_fmt(target['worst_p99_ms'], '.1f')} ms; d/e {target['delivered_ratio']}, "
                f"mixed {target['mixed_delivered_ratio']}; (a) bare websockets at the same "
                f"load: p99 {_fmt(target.get('bare_p99_ms'), '.1f')} ms"
            )
        elif "p99_ms" in target:
            detail = f" -> {_fmt(target['p99_ms'], '.1f')} ms"
        elif "capacity_over_bare" in target:
            detail = f" -> x{_fmt(target['capacity_over_bare'])}"
        elif target.get("misses"):
            detail = f" -> {target['misses']}"
        lines.append(f"{'MET ' if target['met'] else 'MISS'} {target['target']}{detail}")
        if target.get("note"):
            lines.append(f"     ({target['note']})")
    lines.append(closing_line(result))
    return "\n".join(lines)

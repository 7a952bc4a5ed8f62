"""Bounded traffic client for the real-stack test: open-loop arrivals at a fixed rate, fixed seed.

Runs until SIGTERM (sent by scripts/real-stack when the story is over) or --max-s, whichever comes
first, then waits for requests in flight and writes one JSON line per request to --out:
{"t0": start epoch, "t1": end epoch, "route": "GET /api/orders/:id", "status": 200, "ms": 51.2,
 "version": "v2.0.0"} (status 0 = connection error; version from the x-app-version header).
"""
import argparse
import asyncio
import json
import random
import signal
import time

import httpx

ROUTES = [  # (route template, weight): orders dominate the count, admin/report the tail
    ("GET /api/orders/:id", 0.62),
    ("POST /api/checkout", 0.20),
    ("GET /admin/report", 0.08),
    ("GET /health", 0.10),
]


async def one(client, rng_vals, route, results):
    n, cart = rng_vals
    t0 = time.time()
    p0 = time.perf_counter()
    status, version = 0, None
    try:
        if route == "GET /api/orders/:id":
            r = await client.get(f"/api/orders/{n}")
        elif route == "POST /api/checkout":
            r = await client.post("/api/checkout", json={"cart": cart})
        elif route == "GET /admin/report":
            r = await client.get("/admin/report")
        else:
            r = await client.get("/health")
        status, version = r.status_code, r.headers.get("x-app-version")
    except httpx.HTTPError:
        pass
    ms = (time.perf_counter() - p0) * 1000.0
    results.append({"t0": round(t0, 6), "t1": round(t0 + ms / 1000.0, 6), "route": route,
                    "status": status, "ms": round(ms, 3), "version": version})


async def main(a):
    rng = random.Random(a.seed)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    results, tasks = [], set()
    names = [r for r, _ in ROUTES]
    weights = [w for _, w in ROUTES]
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
    # httpx's own user agent (python-httpx/x.y.z), as a real client of the API would send.
    async with httpx.AsyncClient(base_url=a.base_url, timeout=10.0, limits=limits) as client:
        start = time.monotonic()
        next_at = start
        while not stop.is_set() and time.monotonic() - start < a.max_s:
            route = rng.choices(names, weights)[0]
            vals = (rng.randint(1, 50000), "%09x" % rng.getrandbits(36))
            t = asyncio.create_task(one(client, vals, route, results))
            tasks.add(t)
            t.add_done_callback(tasks.discard)
            if len(tasks) > 200:  # never pile up without bound if the server stalls
                await asyncio.wait(set(tasks), return_when=asyncio.FIRST_COMPLETED)
            next_at += rng.expovariate(a.rps)  # Poisson arrivals, open loop
            delay = next_at - time.monotonic()
            if delay > 0:
                try:
                    await asyncio.wait_for(stop.wait(), delay)
                except asyncio.TimeoutError:
                    pass
        if tasks:
            await asyncio.wait(set(tasks), timeout=15)
    results.sort(key=lambda r: r["t0"])
    with open(a.out, "w") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--rps", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-s", type=float, default=420.0)
    ap.add_argument("--out", required=True)
    asyncio.run(main(ap.parse_args()))

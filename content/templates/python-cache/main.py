"""Cache-aside: look in Valkey first, and only on a miss do the slow work and remember its answer."""

import json
import os
import time

import valkey

CACHE_SECONDS = 30

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,  # str in and out, instead of bytes
)


def slow_weather_lookup(city):
    """Stands in for a database query or an HTTP call that takes a while."""
    time.sleep(0.5)
    return {"city": city, "celsius": len(city) * 3, "fetched_at": time.time()}


def weather(city):
    key = f"weather:{city.lower()}"
    cached = client.get(key)
    if cached is not None:
        return json.loads(cached), "hit"
    report = slow_weather_lookup(city)
    # SET with EX stores the value and its expiry in one atomic command.
    client.set(key, json.dumps(report), ex=CACHE_SECONDS)
    return report, "miss"


for city in ["Lisbon", "Oslo", "Lisbon", "Lisbon", "Oslo"]:
    started = time.perf_counter()
    report, outcome = weather(city)
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"{city:<7} {report['celsius']:>3} °C  cache {outcome:<4}  {elapsed_ms:6.1f} ms")

print("Lisbon expires in", client.ttl("weather:lisbon"), "seconds")

import os
import time

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)


def slow_lookup(city):
    """The slow source: a database or a service far away."""
    time.sleep(0.2)
    return {"lisbon": "sunny", "oslo": "snow"}.get(city, "cloudy")


def get_weather(city):
    """Return (forecast, "hit" or "miss"): Valkey first, the slow lookup on a miss."""
    return slow_lookup(city), "miss"  # no cache yet


for _ in range(2):
    forecast, how = get_weather("lisbon")
    print(f"lisbon: {how} {forecast}")

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
    key = f"weather:{city}"
    cached = client.get(key)
    if cached is not None:
        return cached, "hit"
    forecast = slow_lookup(city)
    client.set(key, forecast, ex=30)  # the value and its time to live in one command
    return forecast, "miss"


for _ in range(2):
    forecast, how = get_weather("lisbon")
    print(f"lisbon: {how} {forecast}")

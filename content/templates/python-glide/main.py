"""Valkey GLIDE is the official Valkey client family; glide_sync is its blocking Python API."""

import os

from glide_sync import ExpirySet, ExpiryType, GlideClient, GlideClientConfiguration, NodeAddress

config = GlideClientConfiguration(
    [NodeAddress(os.environ.get("VALKEY_HOST", "127.0.0.1"), int(os.environ.get("VALKEY_PORT", "6379")))],
    request_timeout=2000,  # milliseconds
)
client = GlideClient.create(config)

try:
    client.set("greeting", "hello from GLIDE", expiry=ExpirySet(ExpiryType.SEC, 60))
    print(client.get("greeting").decode())  # GLIDE returns bytes
    print("expires in", client.ttl("greeting"), "seconds")

    client.hset("user:1", {"name": "Ada", "language": "Python"})
    user = {field.decode(): value.decode() for field, value in client.hgetall("user:1").items()}
    print("user:1 =", user)

    print("visits:", client.incr("visits"), client.incr("visits"))
    # Anything without a dedicated method can still be sent as is.
    print("PING ->", client.custom_command(["PING"]).decode())
finally:
    client.close()

import os

import valkey

client = valkey.Valkey(
    host=os.environ.get("VALKEY_HOST", "127.0.0.1"),
    port=int(os.environ.get("VALKEY_PORT", "6379")),
    decode_responses=True,
    socket_timeout=5,
)

print(f"delivered to {client.publish('news', 'too early')}")  # nobody listens: 0, and it is gone

subscriber = client.pubsub()  # a connection of its own: a subscribed connection only receives
subscriber.subscribe("news")
confirmation = subscriber.get_message(timeout=1)  # {"type": "subscribe", ...}: now it listens

for n in range(1, 4):
    print(f"delivered to {client.publish('news', f'hello-{n}')}")

received = 0
while received < 3:
    message = subscriber.get_message(timeout=1)
    if message is None:
        break
    if message["type"] == "message":
        print(f"got {message['data']}")
        received += 1
subscriber.close()

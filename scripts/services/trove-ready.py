#!/usr/bin/python3
"""Waits until the real Trove answers a log list through the whole chain, for scripts/services/trove.sh:
Keystone token of the instance owner -> trove-api (keystonemiddleware, policy, Instance.load through the
nova-/neutron-stand-ins) -> RabbitMQ -> guest agent `guest_log_list` -> answer.

  trove-ready.py TIMEOUT_SECONDS TRANSPORT_URL API_URL USER:PASSWORD:PROJECT_ID:INSTANCE_ID …

First waits for each guest's RPC queue (`guestagent.<id>`, an AMQP passive declare): a call sent
before the queue exists is dropped and the API would wait out its whole timeout. Exit 0 when every
instance answered with its log list; 1 (with the last error) otherwise. Environment: KEYSTONE_URL.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request

import kombu

DEADLINE = time.monotonic() + float(sys.argv[1])
# oslo.messaging's rabbit:// is kombu's amqp://
TRANSPORT, API = sys.argv[2].replace("rabbit://", "amqp://", 1), sys.argv[3].rstrip("/")
TARGETS = [arg.split(":", 3) for arg in sys.argv[4:]]
KEYSTONE = os.environ["KEYSTONE_URL"].rstrip("/")


def http(method, url, body=None, headers=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response, json.loads(response.read() or b"null")


def token(user, password, project_id):
    auth = {
        "identity": {"methods": ["password"],
                     "password": {"user": {"name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"id": project_id}},
    }
    response, _ = http("POST", f"{KEYSTONE}/auth/tokens", {"auth": auth})
    return response.headers["X-Subject-Token"]


def queue_exists(connection, name):
    channel = connection.channel()
    try:
        channel.queue_declare(queue=name, passive=True)
        return True
    except kombu.exceptions.ChannelError:
        return False
    finally:
        try:
            channel.close()
        except Exception:  # a refused passive declare closes the channel already
            pass


def until(what, attempt):
    last = None
    while time.monotonic() < DEADLINE:
        try:
            result = attempt()
            if result:
                return result
            last = "not yet"
        except urllib.error.HTTPError as error:  # e.g. 400 "Timed out waiting for a reply" while a guest starts
            last = f"HTTP {error.code}: {error.read()[:300].decode(errors='replace')}"
        except Exception as error:  # refused, reset while starting: try again
            last = error
        time.sleep(0.3)
    raise SystemExit(f"[trove] {what}: not ready in time ({last})")


def main():
    started = time.monotonic()

    def queues():
        with kombu.Connection(TRANSPORT, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
            return all(queue_exists(connection, f"guestagent.{target[3]}") for target in TARGETS)

    until("the guest agents' RPC queues", queues)
    for user, password, project, instance in TARGETS:
        auth = token(user, password, project)

        def log_list():
            _, body = http("GET", f"{API}/v1.0/{project}/instances/{instance}/log", headers={"X-Auth-Token": auth})
            return [log["name"] for log in body["logs"]]

        names = until(f"log list of {instance} as {user}", log_list)
        print(f"[trove] {instance} as {user}: logs {', '.join(names)}", file=sys.stderr, flush=True)
    print(f"[trove] whole chain answers ({time.monotonic() - started:.1f} s of waiting)", file=sys.stderr)


if __name__ == "__main__":
    main()

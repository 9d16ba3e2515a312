#!/usr/bin/python3
"""STAND-INS, not the real services: the three answers Debian's real Trove 18 needs from Nova, Neutron
and Docker, which cannot run on this machine (no hypervisor, no SDN, no container daemon).

Started by scripts/services/trove.sh; registered in Keystone's RegionTrove as `compute`
("nova-stand-in") and `network` ("neutron-stand-in"); the guest agent reaches the Docker one through
DOCKER_HOST. Every request is logged to stderr with what was answered.

  nova-stand-in     GET servers/<id>, servers[/detail] (paged with marker/limit, as novaclient expects),
                    flavors[/<id>], os-server-groups: the servers listed in the servers file
  neutron-stand-in  GET ports?device_id=…, floatingips, security-groups: one port per server
  docker-stand-in   GET /version and /_ping only: the MariaDB guest manager asks for it in its constructor;
                    the guest's MariaDB is started by trove.sh, not through Docker

  trove-stand-ins.py SERVERS_JSON NOVA_PORT NEUTRON_PORT DOCKER_PORT

SERVERS_JSON (written by trove-seed.py, read on every request): [{"id", "instance_id", "name",
"tenant_id", "flavor_id", "ip"}]. Standard library only.
"""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SERVERS_FILE, NOVA_PORT, NEUTRON_PORT, DOCKER_PORT = sys.argv[1], *map(int, sys.argv[2:5])
NETWORK = "standin-net"
FLAVOR = {"ram": 512, "vcpus": 1, "disk": 1}
CREATED = "2026-01-01T00:00:00Z"


def servers():
    try:
        with open(SERVERS_FILE) as file:
            return json.load(file)
    except FileNotFoundError:
        return []


def nova_server(server):
    return {
        "id": server["id"],
        "name": server["name"],
        "status": "ACTIVE",
        "tenant_id": server["tenant_id"],
        "user_id": "stand-in",
        "hostId": "standin-host",
        "OS-EXT-SRV-ATTR:host": "standin-host",
        "flavor": {"id": server["flavor_id"]},
        "image": {"id": "standin-image"},
        "addresses": {NETWORK: [{"addr": server["ip"], "version": 4}]},
        "metadata": {},
        "created": CREATED,
        "updated": CREATED,
        "links": [],
    }


def flavor(flavor_id):
    return {"id": flavor_id, "name": flavor_id, **FLAVOR, "links": []}


def port(server):
    return {
        "id": f"port-{server['id']}",
        "name": f"trove-{server['instance_id']}",
        "network_id": NETWORK,
        "device_id": server["id"],
        "status": "ACTIVE",
        "fixed_ips": [{"ip_address": server["ip"], "subnet_id": "standin-subnet"}],
    }


def page(items, query):
    """novaclient's list(limit=-1) asks page after page with ?marker=<last id> until one is empty."""
    marker = query.get("marker", [None])[0]
    if marker:
        ids = [item["id"] for item in items]
        items = items[ids.index(marker) + 1 :] if marker in ids else []
    limit = query.get("limit", [None])[0]
    if limit and limit.isdigit() and int(limit) > 0:
        items = items[: int(limit)]
    return items


def nova(path, query):
    parts = [part for part in path.split("/") if part]
    if parts[:1] == ["v2.1"]:
        parts = parts[1:]
    if not parts:
        version = {"id": "v2.1", "status": "CURRENT", "version": "2.12", "min_version": "2.1", "links": []}
        return 200, {"version": version}
    known = servers()
    if parts[0] == "servers":
        if len(parts) == 1 or parts[1] == "detail":
            listed = [nova_server(server) for server in page(known, query)]
            if len(parts) == 1:
                listed = [{"id": server["id"], "name": server["name"], "links": []} for server in listed]
            return 200, {"servers": listed}
        for server in known:
            if server["id"] == parts[1]:
                return 200, {"server": nova_server(server)}
        return 404, {"itemNotFound": {"code": 404, "message": f"Instance {parts[1]} could not be found."}}
    if parts[0] == "flavors":
        ids = sorted({server["flavor_id"] for server in known})
        if len(parts) == 1 or parts[1] == "detail":
            return 200, {"flavors": [flavor(flavor_id) for flavor_id in ids]}
        if parts[1] in ids:
            return 200, {"flavor": flavor(parts[1])}
        return 404, {"itemNotFound": {"code": 404, "message": f"Flavor {parts[1]} could not be found."}}
    if parts[0] == "os-server-groups":
        return 200, {"server_groups": []}
    return None


def neutron(path, query):
    parts = [part.removesuffix(".json") for part in path.split("/") if part]
    if parts[:1] == ["v2.0"]:
        parts = parts[1:]
    if not parts:
        return 200, {"versions": [{"id": "v2.0", "status": "CURRENT", "links": []}]}
    if parts == ["ports"]:
        devices = query.get("device_id")
        ports = [port(server) for server in servers() if not devices or server["id"] in devices]
        return 200, {"ports": ports}
    if parts == ["floatingips"]:
        return 200, {"floatingips": []}
    if parts == ["security-groups"]:
        return 200, {"security_groups": []}
    return None


def docker(path, query):
    parts = [part for part in path.split("/") if part]
    if parts and parts[0].startswith("v1."):
        parts = parts[1:]
    if parts == ["version"]:
        return 200, {
            "Version": "0.0.0-stand-in",
            "ApiVersion": "1.41",
            "MinAPIVersion": "1.12",
            "Os": "linux",
            "Arch": "amd64",
            "KernelVersion": "stand-in",
            "Components": [{"Name": "docker-stand-in (not Docker)", "Version": "0.0.0"}],
        }
    if parts == ["_ping"]:
        return 200, "OK"
    return None


def handler(name, answer):
    class Handler(BaseHTTPRequestHandler):
        server_version = name
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # replaced by one line per request in reply()
            pass

        def reply(self):
            started = time.monotonic()
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            result = answer(url.path, parse_qs(url.query)) if self.command in ("GET", "HEAD") else None
            if result is None:
                status, body = 404, {"message": f"{name}: no stand-in answer for {self.command} {url.path}"}
            else:
                status, body = result
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain" if isinstance(body, str) else "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Stand-In", name)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            summary = data[:160].decode(errors="replace")
            took = (time.monotonic() - started) * 1000
            print(f"[{name}] {self.command} {self.path} -> {status} ({took:.0f} ms) {summary}", file=sys.stderr, flush=True)

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = reply

    return Handler


def main():
    listeners = [
        ThreadingHTTPServer(("127.0.0.1", NOVA_PORT), handler("nova-stand-in", nova)),
        ThreadingHTTPServer(("127.0.0.1", NEUTRON_PORT), handler("neutron-stand-in", neutron)),
        ThreadingHTTPServer(("127.0.0.1", DOCKER_PORT), handler("docker-stand-in", docker)),
    ]
    for listener in listeners:
        listener.daemon_threads = True
        threading.Thread(target=listener.serve_forever, daemon=True).start()
    print(
        f"[stand-ins] nova-stand-in :{NOVA_PORT}, neutron-stand-in :{NEUTRON_PORT}, docker-stand-in :{DOCKER_PORT}"
        f" (stand-ins, not the real services); servers from {SERVERS_FILE}",
        file=sys.stderr,
        flush=True,
    )
    threading.Event().wait()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Provisions the Trove Logs test cloud in a running Keystone over its v3 REST API, idempotently.

Called by keystone.sh start (one process instead of many `openstack`/`keystone-manage` calls).
Waits until the bootstrap admin can get a token, then makes sure these exist:
  projects admin (bootstrap), service, demo, ops; roles admin, member, reader (bootstrap),
  service, ResellerAdmin; users admin (admin on admin, demo, ops), demo (member of demo),
  ops-user (member of ops), swift (admin + service on service), trove-logs (admin + service +
  ResellerAdmin on service); catalog services identity, object-store and database with public,
  internal and admin endpoints in RegionOne.
Passwords come from the environment (see keystone.sh); a user whose password differs is updated.
Prints {"projects": {name: id}, "users": {name: id}} as JSON on stdout; progress goes to stderr.
Standard library only: Debian's python3 runs it.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

URL = os.environ["KEYSTONE_URL"].rstrip("/")
PID = os.environ.get("KEYSTONE_PID", "")
TROVE_PORT = os.environ.get("TROVE_PORT", "3000")
SWIFT_PORT = os.environ.get("SWIFT_PORT", "8080")
DEADLINE = time.monotonic() + float(os.environ.get("KEYSTONE_START_TIMEOUT", "120"))
DOMAIN = "default"

PASSWORDS = {
    "admin": os.environ["KEYSTONE_ADMIN_PASSWORD"],
    "demo": os.environ["KEYSTONE_DEMO_PASSWORD"],
    "ops-user": os.environ["KEYSTONE_OPS_PASSWORD"],
    "swift": os.environ["KEYSTONE_SWIFT_PASSWORD"],
    "trove-logs": os.environ["TROVE_LOGS_SERVICE_PASSWORD"],
}
# user -> (default project, [(project, role), ...])
USERS = {
    "admin": ("admin", [("admin", "admin"), ("demo", "admin"), ("ops", "admin")]),
    "demo": ("demo", [("demo", "member")]),
    "ops-user": ("ops", [("ops", "member")]),
    "swift": ("service", [("service", "admin"), ("service", "service")]),
    "trove-logs": (
        "service",
        [("service", "admin"), ("service", "service"), ("service", "ResellerAdmin")],
    ),
}
CATALOG = {
    # Created by bootstrap; kept in line when KEYSTONE_PORT changes between runs.
    "identity": ("keystone", "OpenStack Identity", URL + "/"),
    "object-store": ("swift", "OpenStack Object Storage", f"http://127.0.0.1:{SWIFT_PORT}/v1/AUTH_%(project_id)s"),
    "database": ("trove", "Trove Logs (Trove-compatible log API)", f"http://127.0.0.1:{TROVE_PORT}/v1.0/%(project_id)s"),
}


def say(message):
    print(f"[keystone] {message}", file=sys.stderr, flush=True)


class KeystoneError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:300]}")
        self.status = status


def call(method, path, body=None, token=None, timeout=15):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(URL + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("X-Auth-Token", token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        raise KeystoneError(error.code, error.read().decode(errors="replace")) from None


def password_token(user, password, project=None):
    scope = {"project": {"name": project, "domain": {"id": DOMAIN}}} if project else None
    auth = {
        "identity": {
            "methods": ["password"],
            "password": {"user": {"name": user, "domain": {"id": DOMAIN}, "password": password}},
        }
    }
    if scope:
        auth["scope"] = scope
    response, _ = call("POST", "/auth/tokens", {"auth": auth})
    return response.headers["X-Subject-Token"]


def uwsgi_alive():
    if not PID:
        return True
    try:
        with open(f"/proc/{PID}/stat") as stat:
            return stat.read().rsplit(") ", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def wait_for_admin_token():
    last = None
    while time.monotonic() < DEADLINE:
        if not uwsgi_alive():
            raise SystemExit("[keystone] uwsgi exited while starting")
        try:
            return password_token("admin", PASSWORDS["admin"], "admin")
        except KeystoneError as error:
            if error.status == 401:
                raise SystemExit(
                    "[keystone] the admin password does not match the one this database was bootstrapped "
                    "with; run `keystone.sh reset` (or set KEYSTONE_ADMIN_PASSWORD as before)"
                )
            last = error
        except OSError as error:  # refused, reset, timeout while uwsgi loads
            last = error
        time.sleep(0.2)
    raise SystemExit(f"[keystone] no token within the start timeout: {last}")


def find_one(token, collection, **query):
    qs = "&".join(f"{key}={urllib.request.quote(value)}" for key, value in query.items())
    _, body = call("GET", f"/{collection}?{qs}", token=token)
    items = body[collection]
    return items[0] if items else None


def ensure(token, collection, kind, query, create):
    found = find_one(token, collection, **query)
    if found:
        return found
    _, body = call("POST", f"/{collection}", {kind: create}, token=token)
    say(f"created {kind} {create.get('name', create.get('type'))}")
    return body[kind]


def ensure_user(admin, name, projects, roles):
    default_project, grants = USERS[name]
    password = PASSWORDS[name]
    user = find_one(admin, "users", name=name, domain_id=DOMAIN)
    if user is None:
        create = {
            "name": name,
            "domain_id": DOMAIN,
            "password": password,
            "enabled": True,
            "default_project_id": projects[default_project],
        }
        _, body = call("POST", "/users", {"user": create}, token=admin)
        user = body["user"]
        say(f"created user {name}")
    else:
        try:
            password_token(name, password)
        except KeystoneError as error:
            if error.status != 401:
                raise
            call("PATCH", f"/users/{user['id']}", {"user": {"password": password}}, token=admin)
            say(f"updated the password of {name}")
    for project, role in grants:
        call("PUT", f"/projects/{projects[project]}/users/{user['id']}/roles/{roles[role]}", token=admin)
    return user["id"]


def ensure_endpoints(admin, service_type):
    name, description, url = CATALOG[service_type]
    create = {"type": service_type, "name": name, "description": description, "enabled": True}
    service = ensure(admin, "services", "service", {"type": service_type}, create)
    _, body = call("GET", f"/endpoints?service_id={service['id']}", token=admin)
    existing = {endpoint["interface"]: endpoint for endpoint in body["endpoints"]}
    for interface in ("public", "internal", "admin"):
        endpoint = existing.get(interface)
        if endpoint is None:
            create = {
                "service_id": service["id"],
                "interface": interface,
                "url": url,
                "region_id": "RegionOne",
                "enabled": True,
            }
            call("POST", "/endpoints", {"endpoint": create}, token=admin)
        elif endpoint["url"] != url:
            call("PATCH", f"/endpoints/{endpoint['id']}", {"endpoint": {"url": url}}, token=admin)
            say(f"{service_type} {interface} endpoint now {url}")


def main():
    started = time.monotonic()
    admin = wait_for_admin_token()
    say(f"first token after {time.monotonic() - started:.1f} s")
    # Each authenticated call costs Keystone ~0.2 s of CPU: spread them over its two workers.
    with ThreadPoolExecutor(max_workers=3) as pool:
        catalog = [pool.submit(ensure_endpoints, admin, kind) for kind in CATALOG]
        project_jobs = {
            name: pool.submit(
                ensure,
                admin,
                "projects",
                "project",
                {"name": name, "domain_id": DOMAIN},
                {"name": name, "domain_id": DOMAIN, "enabled": True, "description": f"Trove Logs test project {name}"},
            )
            for name in ("admin", "service", "demo", "ops")
        }
        role_jobs = {
            name: pool.submit(ensure, admin, "roles", "role", {"name": name}, {"name": name})
            for name in ("admin", "member", "reader", "service", "ResellerAdmin")
        }
        projects = {name: job.result()["id"] for name, job in project_jobs.items()}
        roles = {name: job.result()["id"] for name, job in role_jobs.items()}
        user_jobs = {name: pool.submit(ensure_user, admin, name, projects, roles) for name in USERS}
        users = {name: job.result() for name, job in user_jobs.items()}
        for job in catalog:
            job.result()
    say(f"provisioned in {time.monotonic() - started:.1f} s")
    json.dump({"projects": projects, "users": users, "roles": roles}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    try:
        main()
    except KeystoneError as error:
        raise SystemExit(f"[keystone] provisioning failed: {error}")

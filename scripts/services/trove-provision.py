#!/usr/bin/python3
"""Registers the real Trove (scripts/services/trove.sh) in the running Keystone, idempotently, without
touching what keystone.sh provisioned (RegionOne's `database` stays the project's own test server):

  region RegionTrove;
  user trove (admin + service on project service): keystonemiddleware and Trove's service credentials;
  in RegionTrove, each as its own catalog service (public, internal and admin endpoints):
    database      "trove-real"        http://127.0.0.1:<TROVE_API_PORT>/v1.0/%(tenant_id)s
    object-store  "swift-regiontrove" the same URLs as RegionOne's object-store (the same Swift)
    compute       "nova-stand-in"     http://127.0.0.1:<NOVA_PORT>/v2.1   (a stand-in, not Nova)
    network       "neutron-stand-in"  http://127.0.0.1:<NEUTRON_PORT>/    (a stand-in, not Neutron)

Environment: keystone.env's variables (KEYSTONE_URL, passwords), TROVE_REGION, TROVE_SERVICE_PASSWORD,
TROVE_API_PORT, TROVE_NOVA_PORT, TROVE_NEUTRON_PORT. Reuses keystone-provision.py's REST helpers.
"""

import importlib.util
import os
import sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("keystone_provision", Path(__file__).with_name("keystone-provision.py"))
ks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ks)

REGION = os.environ.get("TROVE_REGION", "RegionTrove")
PASSWORD = os.environ["TROVE_SERVICE_PASSWORD"]
INTERFACES = ("public", "internal", "admin")


def say(message):
    print(f"[trove] {message}", file=sys.stderr, flush=True)


def ensure_region(admin):
    try:
        ks.call("GET", f"/regions/{REGION}", token=admin)
    except ks.KeystoneError as error:
        if error.status != 404:
            raise
        region = {"id": REGION, "description": "Debian's real Trove 18 and its stand-ins (scripts/services/trove.sh)"}
        ks.call("POST", "/regions", {"region": region}, token=admin)
        say(f"created region {REGION}")


def ensure_trove_user(admin):
    project = ks.find_one(admin, "projects", name="service", domain_id=ks.DOMAIN)
    if project is None:
        raise SystemExit("[trove] Keystone has no project `service`: run scripts/services/keystone.sh start first")
    user = ks.find_one(admin, "users", name="trove", domain_id=ks.DOMAIN)
    if user is None:
        create = {"name": "trove", "domain_id": ks.DOMAIN, "password": PASSWORD, "enabled": True,
                  "default_project_id": project["id"]}
        _, body = ks.call("POST", "/users", {"user": create}, token=admin)
        user = body["user"]
        say("created user trove")
    else:
        try:
            ks.password_token("trove", PASSWORD)
        except ks.KeystoneError as error:
            if error.status != 401:
                raise
            ks.call("PATCH", f"/users/{user['id']}", {"user": {"password": PASSWORD}}, token=admin)
            say("updated the password of trove")
    for role_name in ("admin", "service"):
        role = ks.find_one(admin, "roles", name=role_name)
        if role is None:
            raise SystemExit(f"[trove] Keystone has no role `{role_name}`: run scripts/services/keystone.sh start first")
        ks.call("PUT", f"/projects/{project['id']}/users/{user['id']}/roles/{role['id']}", token=admin)


def region_one_urls(admin, service_type):
    """{interface: url} of a service type's RegionOne endpoints (keystone.sh's)."""
    _, services = ks.call("GET", f"/services?type={service_type}", token=admin)
    ids = {service["id"] for service in services["services"]}
    urls = {}
    for interface in INTERFACES:
        _, body = ks.call("GET", f"/endpoints?region_id=RegionOne&interface={interface}", token=admin)
        found = [endpoint["url"] for endpoint in body["endpoints"] if endpoint["service_id"] in ids]
        if not found:
            raise SystemExit(f"[trove] no RegionOne {service_type} {interface} endpoint: start keystone.sh first")
        urls[interface] = found[0]
    return urls


def ensure_service(admin, service_type, name, description, urls):
    _, body = ks.call("GET", f"/services?type={service_type}", token=admin)
    service = next((item for item in body["services"] if item.get("name") == name), None)
    if service is None:
        create = {"type": service_type, "name": name, "description": description, "enabled": True}
        _, created = ks.call("POST", "/services", {"service": create}, token=admin)
        service = created["service"]
        say(f"created {service_type} service {name}")
    _, body = ks.call("GET", f"/endpoints?service_id={service['id']}", token=admin)
    existing = {item["interface"]: item for item in body["endpoints"] if item.get("region_id") == REGION}
    for interface in INTERFACES:
        endpoint = existing.get(interface)
        if endpoint is None:
            create = {"service_id": service["id"], "interface": interface, "url": urls[interface],
                      "region_id": REGION, "enabled": True}
            ks.call("POST", "/endpoints", {"endpoint": create}, token=admin)
        elif endpoint["url"] != urls[interface]:
            ks.call("PATCH", f"/endpoints/{endpoint['id']}", {"endpoint": {"url": urls[interface]}}, token=admin)
            say(f"{name} {interface} endpoint now {urls[interface]}")


def main():
    admin = ks.password_token("admin", ks.PASSWORDS["admin"], "admin")
    ensure_region(admin)
    ensure_trove_user(admin)
    same = lambda url: {interface: url for interface in INTERFACES}  # noqa: E731
    api = os.environ.get("TROVE_API_PORT", "8779")
    nova = os.environ.get("TROVE_NOVA_PORT", "8791")
    neutron = os.environ.get("TROVE_NEUTRON_PORT", "8792")
    ensure_service(admin, "database", "trove-real", "Debian's real Trove 18 (scripts/services/trove.sh)",
                   same(f"http://127.0.0.1:{api}/v1.0/%(tenant_id)s"))
    ensure_service(admin, "object-store", "swift-regiontrove", "The same Swift as RegionOne's object-store",
                   region_one_urls(admin, "object-store"))
    ensure_service(admin, "compute", "nova-stand-in", "STAND-IN for Nova, not Nova (scripts/services/trove-stand-ins.py)",
                   same(f"http://127.0.0.1:{nova}/v2.1"))
    ensure_service(admin, "network", "neutron-stand-in",
                   "STAND-IN for Neutron, not Neutron (scripts/services/trove-stand-ins.py)",
                   same(f"http://127.0.0.1:{neutron}/"))


if __name__ == "__main__":
    try:
        main()
    except ks.KeystoneError as error:
        raise SystemExit(f"[trove] Keystone registration failed: {error}")

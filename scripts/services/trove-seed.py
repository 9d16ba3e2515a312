#!/usr/bin/python3
"""Seeds the real Trove's database with Trove's own code, in one process (trove-manage is broken on
Python 3.11, and three trove-manage runs cost ~15 s): schema (db_sync), the datastore and its
version, then each instance as Trove's API would have created it (DBInstance.create, which makes the
per-instance RPC encryption key) and as its guest would have reported it after `prepare` (an
InstanceServiceStatus row). No taskmanager and no Nova boot: the servers are the nova-stand-in's.

  trove-seed.py TROVE_CONF SPEC_JSON SERVERS_JSON

SPEC_JSON: {"datastore": "mariadb", "version": "10.11", "region": "RegionTrove",
            "instances": [{"id", "name", "tenant_id", "server_id", "flavor_id", "ip", "volume_size",
                           "guest_info": <path of the guest_info.conf to write>}]}
Existing rows are kept (their RPC keys with them); a changed owner (a new Keystone) is updated.
Writes SERVERS_JSON for the stand-ins and each instance's guest_info.conf (what the taskmanager
injects into a real guest).
"""

import json
import os
import sqlite3
import sys
import time

from oslo_log import log as logging
from oslo_utils import encodeutils

from trove.common import cfg
from trove.datastore import models as datastore_models
from trove.db import get_db_api
from trove.instance import models as instance_models
from trove.instance import service_status
from trove.instance.tasks import InstanceTasks

CONF = cfg.CONF


def say(message):
    print(f"[trove-seed] {message}", file=sys.stderr, flush=True)


def write(path, text, mode=0o600):
    temp = f"{path}.tmp"
    with open(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "w") as file:
        file.write(text)
    os.replace(temp, path)


def seed_datastore(spec):
    name, version = spec["datastore"], spec["version"]
    datastore_models.update_datastore(name, None)
    datastore_models.update_datastore_version(name, version, name, "", "", "", 1, version=version)
    datastore_models.update_datastore(name, version)
    return datastore_models.DatastoreVersion.load(datastore_models.Datastore.load(name), version)


def seed_instance(spec, item, ds_version):
    db_info = instance_models.DBInstance.get_by(id=item["id"], deleted=False)
    if db_info is None:
        db_info = instance_models.DBInstance.create(
            id=item["id"],
            name=item["name"],
            hostname=item["name"],
            flavor_id=item["flavor_id"],
            tenant_id=item["tenant_id"],
            volume_size=item["volume_size"],
            datastore_version_id=ds_version.id,
            compute_instance_id=item["server_id"],
            task_status=InstanceTasks.NONE,
            region_id=spec["region"],
        )
        say(f"created instance {item['id']} ({item['name']}) for project {item['tenant_id']}")
    elif db_info.tenant_id != item["tenant_id"]:
        db_info.tenant_id = item["tenant_id"]
        db_info.save()
        say(f"instance {item['id']} now belongs to project {item['tenant_id']}")
    status = instance_models.InstanceServiceStatus.get_by(instance_id=item["id"])
    if status is None:
        # What the guest reports at the end of a successful prepare; its heartbeats keep it fresh.
        instance_models.InstanceServiceStatus.create(
            instance_id=item["id"], status=service_status.ServiceStatuses.HEALTHY
        )
    write(
        item["guest_info"],
        "# What Trove's taskmanager injects into a guest (written by scripts/services/trove-seed.py)\n"
        "[DEFAULT]\n"
        f"guest_id = {item['id']}\n"
        f"datastore_manager = {ds_version.manager}\n"
        f"datastore_version = {ds_version.name}\n"
        f"tenant_id = {item['tenant_id']}\n"
        f"instance_rpc_encr_key = {encodeutils.safe_decode(db_info.key)}\n",
    )


def main():
    conf_file, spec_file, servers_file = sys.argv[1:4]
    with open(spec_file) as file:
        spec = json.load(file)
    started = time.monotonic()
    logging.register_options(CONF)
    cfg.parse_args(["trove-seed", "--config-file", conf_file])
    logging.setup(CONF, None)
    db_api = get_db_api()
    db_api.db_sync(CONF)
    if CONF.database.connection.startswith("sqlite:///"):
        # trove-api and trove-conductor share the file: without WAL, writes fail with "database is locked".
        sqlite3.connect(CONF.database.connection[len("sqlite:///") :]).execute("PRAGMA journal_mode=WAL").fetchall()
    db_api.configure_db(CONF)
    ds_version = seed_datastore(spec)
    for item in spec["instances"]:
        seed_instance(spec, item, ds_version)
    servers = [
        {key: item[key] for key in ("instance_id", "name", "tenant_id", "flavor_id", "ip")} | {"id": item["server_id"]}
        for item in ({**item, "instance_id": item["id"]} for item in spec["instances"])
    ]
    write(servers_file, json.dumps(servers, indent=2) + "\n", 0o644)
    say(f"schema, datastore {spec['datastore']} {spec['version']} and {len(servers)} instance(s) in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()

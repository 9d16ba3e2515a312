"""Builds the three one-device, one-replica rings of the all-in-one Swift in a single process.

Usage: /usr/bin/python3 swift-rings.py SWIFT_DIR ACCOUNT_PORT CONTAINER_PORT OBJECT_PORT DEVICE

swift-ring-builder costs ~2 s per call (eventlet imports); nine calls add ~18 s to a start. Building the
rings here with Swift's own RingBuilder takes well under a second.
"""

import os
import sys

from swift.common.ring import RingBuilder

PART_POWER = 8  # 256 partitions: plenty for one device, and few directories for the updaters to walk


def build(swift_dir: str, kind: str, port: int, device: str) -> None:
    builder = RingBuilder(PART_POWER, 1, 1)
    builder.add_dev(
        {
            "id": 0,
            "region": 1,
            "zone": 1,
            "ip": "127.0.0.1",
            "port": port,
            "device": device,
            "weight": 100.0,
            "meta": "",
        }
    )
    builder.rebalance(seed=1)
    builder.save(os.path.join(swift_dir, f"{kind}.builder"))
    ring_file = os.path.join(swift_dir, f"{kind}.ring.gz")
    builder.get_ring().save(ring_file + ".tmp")
    os.replace(ring_file + ".tmp", ring_file)


def main() -> None:
    swift_dir, account_port, container_port, object_port, device = sys.argv[1:6]
    for kind, port in (("account", account_port), ("container", container_port), ("object", object_port)):
        build(swift_dir, kind, int(port), device)


if __name__ == "__main__":
    main()

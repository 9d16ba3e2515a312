"""Makes expiry deterministic: one pass of the object updater, the container updater and the object
expirer, in this order, in one process (each Swift daemon start costs ~1-2 s of imports).

Usage: /usr/bin/python3 swift-expire.py SWIFT_ETC_DIR

- object updater: replays container updates that went to async_pending (e.g. the expirer queue entry),
- container updater: pushes container stats to the accounts, so the expirer can list its queue,
- object expirer: deletes every object whose X-Delete-At has passed, which removes it from listings.
"""

import os
import sys

from eventlet.hubs import use_hub
from swift.common import utils
from swift.container.updater import ContainerUpdater
from swift.obj.expirer import ObjectExpirer
from swift.obj.updater import ObjectUpdater


def run_once(klass, conf_file: str, section: str) -> None:
    # Not swift.common.daemon.run_daemon: it redirects stdio on its first use and fails on the second.
    conf = utils.readconf(conf_file, section)
    logger = utils.get_logger(conf, section, log_to_console=True, log_route=section)
    klass(conf, logger=logger).run_once()


def main() -> None:
    etc = sys.argv[1]
    use_hub(utils.get_hub())
    run_once(ObjectUpdater, os.path.join(etc, "object-server.conf"), "object-updater")
    run_once(ContainerUpdater, os.path.join(etc, "container-server.conf"), "container-updater")
    run_once(ObjectExpirer, os.path.join(etc, "object-expirer.conf"), "object-expirer")


if __name__ == "__main__":
    main()

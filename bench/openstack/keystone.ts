import { join } from "node:path";
import { parseEnvFile } from "../lib/run-command";
import { SERVICES_DIR } from "./services";

/** The settings keystone.sh writes: URLs, ports, users and passwords of the local deployment. */
export type KeystoneEnv = Record<string, string>;

export const readKeystoneEnv = (): KeystoneEnv =>
  parseEnvFile(join(SERVICES_DIR, "keystone", "keystone.env"));

/** The demo user's OS_* settings, as the openstack CLI reads them. */
export const readDemoOpenrc = () => parseEnvFile(join(SERVICES_DIR, "keystone", "openrc-demo"));

/** A project-scoped token for a user of the Default domain. */
export async function keystoneToken(env: KeystoneEnv, user: string, password: string, project: string) {
  const body = {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: user, domain: { name: "Default" }, password } },
      },
      scope: { project: { name: project, domain: { name: "Default" } } },
    },
  };
  const response = await fetch(`${env.KEYSTONE_URL}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`Keystone refused ${user}: ${response.status}`);
  return response.headers.get("x-subject-token")!;
}

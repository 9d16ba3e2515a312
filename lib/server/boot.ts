import "server-only";
import { getRuntime } from "./runtime";

/** Start-up: build the runtime now rather than on the first request, and refuse to run misconfigured. */
export async function boot(): Promise<void> {
  try {
    const runtime = await getRuntime();
    const { config, env } = runtime;
    const projects = [...new Set(config.instances.map((instance) => instance.projectId))];
    console.log(
      `[trove-logs] ${config.mode === "demo" ? "Demo mode" : "Configured"}: ${config.instances.length} instances in ` +
        `${projects.length} projects (${projects.join(", ")}); data in ${env.TROVE_LOGS_DATA_DIR}` +
        (config.mode === "demo" ? `; demo log writers ${env.TROVE_LOGS_DEMO_WRITERS ? "on" : "off"}` : ""),
    );
    console.log(
      env.TROVE_LOGS_BACKEND === "openstack"
        ? "[trove-logs] Backend: a real Trove, found in each user's Keystone catalog (service type database)"
        : `[trove-logs] Embedded log service publishing into the ${runtime.objectStore} ` +
            `(one publish of a log at a time: ${runtime.publishLease})`,
    );
    if (runtime.identity.kind === "local") {
      console.log("[trove-logs] Users: admin (admin role), demo (member of project demo)");
    } else {
      const service = runtime.keystone?.serviceToken;
      console.log(
        `[trove-logs] Identity: Keystone at ${runtime.keystone?.client.url}` +
          (service ? ` (service user ${service.user})` : " (no service user: tokens validate themselves)"),
      );
      // Not fatal: Keystone may come up later; sign-ins say so meanwhile (503).
      void service?.get().catch((error: Error) => console.warn(`[trove-logs] Keystone: ${error.message}`));
    }
  } catch (error) {
    console.error(`[trove-logs] Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

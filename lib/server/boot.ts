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
    console.log("[trove-logs] Users: admin (admin role), demo (member of project demo)");
  } catch (error) {
    console.error(`[trove-logs] Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

// Runs once when the server starts: validates the configuration (a bad file stops start-up with
// the field to fix), prepares the data directory and users, and starts the demo log writers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/server/boot");
  await boot();
}

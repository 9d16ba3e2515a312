import type { CountingProxy } from "./counting-proxy";
import type { PhaseContext } from "./phase-context";
import { curlDownload } from "./download-phase";
import { oursTail, warmTail } from "./tail-phase";

const COUNTED_TAILS = 10;

/**
 * With the app reaching Swift through `proxy`: the Swift bytes and requests of each of our tails, and of
 * one whole download. Counted apart from the timed phases, since the proxy adds a hop to every request.
 */
export async function countedPhase(ctx: PhaseContext, proxy: CountingProxy) {
  const { tail, download } = ctx.figures;
  await warmTail(ctx);
  for (let i = 0; i < COUNTED_TAILS; i += 1) {
    proxy.reset();
    tail.oursCountedMs.push(await oursTail(ctx));
    tail.oursSwiftBytes.push(proxy.fromSwift);
    tail.oursSwiftRequests.push(proxy.requests);
  }
  proxy.reset();
  const ran = await curlDownload(ctx, "%{size_download}");
  if (Number(ran.stdout) !== ctx.source.size)
    throw new Error(`counted download returned ${ran.stdout} bytes`);
  download.countedFromSwift = proxy.fromSwift;
  download.countedRequests = proxy.requests;
}

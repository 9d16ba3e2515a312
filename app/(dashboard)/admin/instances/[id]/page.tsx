import type { Metadata } from "next";
import { instanceRoute } from "../../../_shared/instance-route";

export const metadata: Metadata = { title: "Instance (admin)" };

export default instanceRoute("admin");

import type { Metadata } from "next";
import { InstancesView } from "@/components/instances/instances-view";

export const metadata: Metadata = { title: "Instances" };

export default function ProjectInstancesPage() {
  return <InstancesView scope="project" />;
}

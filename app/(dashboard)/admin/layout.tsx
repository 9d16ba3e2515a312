import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminOnly } from "@/components/instances/admin-only";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Trove Logs" } };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <AdminOnly>{children}</AdminOnly>;
}

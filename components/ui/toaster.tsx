"use client";

import { Toaster as Sonner } from "sonner";

/** Toasts follow the system colour scheme, like the rest of the app. */
export function Toaster() {
  return <Sonner theme="system" richColors closeButton position="bottom-right" duration={6000} />;
}

"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";

/**
 * Publishing another project's log through a real Trove (an admin's view in openstack mode): Trove's
 * guest agent publishes with the caller's token, into the caller's own Swift account. Ask first, and
 * say what that means for the project. `needed` comes from the log's `copy_account`.
 */
export function useOwnAccountPublishGuard(needed: boolean) {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const guard = (publish: () => void) => (needed ? setPending(() => publish) : publish());
  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      onOpenChange={(open) => {
        if (!open) setPending(null);
      }}
      title="Publish into your own account?"
      description={
        <>
          <p>
            OpenStack Trove writes what you publish into <strong>your own project&apos;s</strong> Swift
            account, not into the account of the project that owns this instance. You can read this copy here;
            the project&apos;s members cannot.
          </p>
          <p>
            Trove then counts the log as published: the project&apos;s own copy misses what you published, and
            its next publish copies only what the log gains after yours. If the project published this log
            before, your copy holds only what the log gained since.
          </p>
        </>
      }
      confirmLabel="Publish into my account"
      onConfirm={() => {
        pending?.();
        setPending(null);
      }}
    />
  );
  return { guard, dialog };
}

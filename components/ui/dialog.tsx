'use client';

import { X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';

/**
 * A modal dialog in the app's look, on Radix (focus trap, Escape, outside click, focus returned to
 * the opener). The title and description go inside the content, so a form can hold its own heading.
 */
export const Dialog = RadixDialog.Root;
export const DialogTitle = RadixDialog.Title;

export function DialogDescription({ children }: { children: React.ReactNode }) {
  return <RadixDialog.Description className="muted">{children}</RadixDialog.Description>;
}

/**
 * Rendered in place rather than in a portal: the dialog stays inside the page's main landmark,
 * where it was opened (it is fixed to the viewport either way, and Radix still hides the rest).
 */
export function DialogContent({ children }: { children: React.ReactNode }) {
  return (
    <>
      <RadixDialog.Overlay className="dialog-overlay" />
      <RadixDialog.Content className="dialog">
        {children}
        <RadixDialog.Close className="button ghost icon sm dialog-close" aria-label="Close">
          <X aria-hidden="true" />
        </RadixDialog.Close>
      </RadixDialog.Content>
    </>
  );
}
